package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.OidcProviders;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OIDC_TOKEN_AUTH_METHOD=private_key_jwt signs a client assertion with the key from
 * OIDC_PRIVATE_KEY_FILE.
 */
class PrivateKeyJwtIT {

  static final String CLIENT_ID = "mini-rag-test";
  static final KeyPair KEYS = rsa();
  static final Path KEY_FILE = pem(KEYS);
  static final MockOAuth2Server MOCK = OidcProviders.started();
  static final ProviderFront PROVIDER =
      new ProviderFront(
              MOCK,
              "realm",
              ProviderClientAuthIT.KEYCLOAK_ORDER,
              "private_key_jwt",
              CLIENT_ID,
              "unused")
          .expectingClientKey((RSAPublicKey) KEYS.getPublic());

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "auth.publicBaseUrl", "https://minirag.example.test",
              "auth.oidc.issuer", PROVIDER.issuer(),
              "auth.oidc.clientId", CLIENT_ID,
              "auth.oidc.clientSecret", "not-used-by-private-key-jwt",
              "auth.oidc.tokenAuthMethod", "private_key_jwt",
              "auth.oidc.privateKeyFile", KEY_FILE.toString(),
              "auth.oidc.privateKeyId", "minirag-1"));

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path pem(KeyPair keys) {
    try {
      Path file = Files.createTempFile("minirag-client-key", ".pem");
      file.toFile().deleteOnExit();
      Files.writeString(
          file,
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes())
                  .encodeToString(keys.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n");
      return file;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() {
    PROVIDER.close();
    MOCK.shutdown();
  }

  @Test
  void signsInWithASignedClientAssertion() {
    Api api = new Api(APP.getLocalPort());
    MOCK.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "realm",
            "sub-pk",
            "JWT",
            List.of(CLIENT_ID),
            Map.of("email", "pk@example.com", "email_verified", true),
            3600));
    Api.Resp start = api.get("/api/v1/auth/login/oidc", Map.of());
    assertThat(start.status()).as(start.toString()).isEqualTo(302);
    URI back = URI.create(api.get(start.header("Location"), Map.of()).header("Location"));
    Api.Resp callback =
        api.get(
            "/api/v1/auth/callback/oidc?" + back.getRawQuery(),
            Map.of("Cookie", "__Host-minirag_login=" + start.setCookie("__Host-minirag_login")));

    assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
    assertThat(PROVIDER.tokenRequests).containsExactly("private_key_jwt");
    assertThat(callback.setCookie("__Host-minirag_session")).isNotBlank();
  }

  @Test
  void privateKeyJwtWithoutAKeyFileStopsTheStartNamingTheSetting() {
    // Overrides are system properties shared with APP's: the key file is blanked explicitly.
    DropwizardAppExtension<MiniRagConfiguration> app =
        TestApp.create(
            MiniRagApplication.class,
            DB,
            Map.of(
                "auth.oidc.privateKeyFile", "",
                "auth.oidc.issuer", PROVIDER.issuer(),
                "auth.oidc.clientId", CLIENT_ID,
                "auth.oidc.clientSecret", "x",
                "auth.oidc.tokenAuthMethod", "private_key_jwt"));
    try {
      assertThatThrownBy(app::before)
          .hasStackTraceContaining(
              "Refusing to start: OIDC_TOKEN_AUTH_METHOD is private_key_jwt but OIDC_PRIVATE_KEY_FILE is not set");
    } finally {
      app.after();
    }
  }
}
