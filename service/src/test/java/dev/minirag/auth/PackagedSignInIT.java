package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.testing.JarNode;
import dev.minirag.testing.OidcProviders;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC sign-in through the packaged jar, whose spring-core keeps only what pac4j reaches (the shade
 * filter in service/pom.xml): discovery at start, then login, the provider's redirect and the
 * callback against a real OIDC server in the test's process. SignInFlowIT covers the cases.
 */
class PackagedSignInIT {
  static final String CLIENT_ID = "mini-rag-jar";
  static final String SECRET = TestApp.randomSecret();
  static final String PUBLIC_URL = "https://minirag.example.test";
  static final MockOAuth2Server OIDC = OidcProviders.started();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  @AfterAll
  static void stop() {
    OIDC.shutdown();
  }

  @Test
  void aPersonSignsInWithOidcThroughTheJar() throws Exception {
    try (JarNode node =
        JarNode.start(
            "signin",
            DB,
            SECRET,
            work,
            Map.of(
                "MINIRAG_PUBLIC_URL",
                PUBLIC_URL,
                "OIDC_ISSUER",
                OIDC.issuerUrl("default").toString(),
                "OIDC_CLIENT_ID",
                CLIENT_ID,
                "OIDC_CLIENT_SECRET",
                "client-secret-for-tests-only"))) {
      node.awaitHealthy(180);
      Api api = new Api(node.url(""));
      OIDC.enqueueCallback(
          new DefaultOAuth2TokenCallback(
              "default",
              "sub-carol",
              "JWT",
              List.of(CLIENT_ID),
              Map.of("email", "carol@jar.test", "name", "Carol", "email_verified", true),
              3600));

      Api.Resp login = api.get("/api/v1/auth/login/oidc", Map.of());
      assertThat(login.status()).as(login + node.log()).isEqualTo(302);
      assertThat(login.header("Location"))
          .startsWith(OIDC.authorizationEndpointUrl("default").toString());
      Api.Resp provider = api.get(login.header("Location"), Map.of());
      assertThat(provider.status()).as(provider.toString()).isEqualTo(302);
      URI back = URI.create(provider.header("Location"));
      Api.Resp callback =
          api.get(
              "/api/v1/auth/callback/oidc?" + back.getRawQuery(),
              Map.of("Cookie", "__Host-minirag_login=" + login.setCookie("__Host-minirag_login")));
      assertThat(callback.status()).as(callback + node.log()).isEqualTo(302);
      assertThat(callback.header("Location")).isEqualTo(PUBLIC_URL + "/");

      Api.Resp me = api.get("/api/v1/me", Api.sessionOf(callback));
      assertThat(me.status()).as(me.toString()).isEqualTo(200);
      assertThat(me.json().get("email").asText()).isEqualTo("carol@jar.test");
      assertThat(node.log()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
    }
  }
}
