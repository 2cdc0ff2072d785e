package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.OidcProviders;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client authentication method at the token endpoint comes from configuration, not from the
 * order of the provider's {@code token_endpoint_auth_methods_supported}: the generic provider's
 * discovery lists {@code private_key_jwt} first (Keycloak's, Okta's and Entra's order), the Google
 * one lists {@code client_secret_post, client_secret_basic} (Google's order) and is configured for
 * {@code client_secret_post}. Both token endpoints refuse any other method, as real providers do.
 */
class ProviderClientAuthIT {

  static final String CLIENT_ID = "mini-rag-test";
  static final String CLIENT_SECRET = "client-secret-for-tests-only";
  static final List<String> KEYCLOAK_ORDER =
      List.of(
          "private_key_jwt",
          "client_secret_basic",
          "client_secret_post",
          "tls_client_auth",
          "client_secret_jwt");

  static final MockOAuth2Server MOCK = OidcProviders.started();
  static final ProviderFront KEYCLOAK_LIKE =
      new ProviderFront(
          MOCK, "realm", KEYCLOAK_ORDER, "client_secret_basic", CLIENT_ID, CLIENT_SECRET);
  static final ProviderFront GOOGLE_LIKE =
      new ProviderFront(
          MOCK,
          "google",
          List.of("client_secret_post", "client_secret_basic"),
          "client_secret_post",
          CLIENT_ID,
          CLIENT_SECRET);

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "auth.publicBaseUrl",
              "https://minirag.example.test",
              "auth.oidc.issuer",
              KEYCLOAK_LIKE.issuer(),
              "auth.oidc.clientId",
              CLIENT_ID,
              "auth.oidc.clientSecret",
              CLIENT_SECRET,
              "auth.google.issuer",
              GOOGLE_LIKE.issuer(),
              "auth.google.clientId",
              CLIENT_ID,
              "auth.google.clientSecret",
              CLIENT_SECRET,
              "auth.google.tokenAuthMethod",
              "client_secret_post",
              "auth.google.allowUnverifiedEmail",
              "true"));

  @AfterAll
  static void stop() {
    KEYCLOAK_LIKE.close();
    GOOGLE_LIKE.close();
    MOCK.shutdown();
  }

  private Api api() {
    return new Api(APP.getLocalPort());
  }

  private Api.Resp signIn(String provider, String issuerId, String email) {
    return signIn(provider, issuerId, email, true);
  }

  private Api.Resp signIn(String provider, String issuerId, String email, boolean verified) {
    MOCK.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            issuerId,
            "sub-" + email,
            "JWT",
            List.of(CLIENT_ID),
            Map.of("email", email, "email_verified", verified),
            3600));
    Api.Resp start = api().get("/api/v1/auth/login/" + provider, Map.of());
    assertThat(start.status()).as(start.toString()).isEqualTo(302);
    Api.Resp atProvider = api().get(start.header("Location"), Map.of());
    assertThat(atProvider.status()).as(atProvider.toString()).isEqualTo(302);
    URI back = URI.create(atProvider.header("Location"));
    return api()
        .get(
            "/api/v1/auth/callback/" + provider + "?" + back.getRawQuery(),
            Map.of("Cookie", "__Host-minirag_login=" + start.setCookie("__Host-minirag_login")));
  }

  @Test
  void aProviderListingPrivateKeyJwtFirstGetsTheConfiguredClientSecretBasic() {
    int before = KEYCLOAK_LIKE.tokenRequests.size();
    Api.Resp callback = signIn("oidc", "realm", "kc-user@example.com");

    assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
    assertThat(callback.header("Location")).isEqualTo("https://minirag.example.test/");
    assertThat(KEYCLOAK_LIKE.tokenRequests.subList(before, KEYCLOAK_LIKE.tokenRequests.size()))
        .containsExactly("client_secret_basic");
    Api.Resp me = api().get("/api/v1/me", Api.sessionOf(callback));
    assertThat(me.json().get("email").asText()).isEqualTo("kc-user@example.com");
  }

  @Test
  void googleSignsInWithClientSecretPostWhenConfiguredSo() {
    int before = GOOGLE_LIKE.tokenRequests.size();
    Api.Resp callback = signIn("google", "google", "g-user@example.com");

    assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
    assertThat(GOOGLE_LIKE.tokenRequests.subList(before, GOOGLE_LIKE.tokenRequests.size()))
        .containsExactly("client_secret_post");
    assertThat(callback.setCookie("__Host-minirag_session")).isNotBlank();
  }

  @Test
  void bothProvidersAreReportedHealthy() {
    Api.Resp health = api().get("/api/v1/health", Map.of());
    assertThat(health.json().at("/checks/sign_in_providers/healthy").asBoolean())
        .as(health.toString())
        .isTrue();
  }

  @Test
  void theUnverifiedEmailRuleIsPerProviderAndOnByDefault() {
    assertThat(signIn("oidc", "realm", "unverified@example.com", false).status()).isEqualTo(401);
    Api.Resp relaxed = signIn("google", "google", "unverified@example.com", false);
    assertThat(relaxed.status()).as(relaxed.toString()).isEqualTo(302);
    assertThat(relaxed.setCookie("__Host-minirag_session")).isNotBlank();
  }
}
