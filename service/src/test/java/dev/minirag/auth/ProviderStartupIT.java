package dev.minirag.auth;

import static dev.minirag.testing.JsonValues.booleanAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.OidcProviders;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider's discovery document is read at start: a provider that is down leaves the service
 * up, says so in the health check and sends a browser back to the sign-in screen, then is picked up
 * once reachable; a provider that cannot take the configured client authentication stops the start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderStartupIT {

  static final String CLIENT_ID = "mini-rag-test";
  static final String CLIENT_SECRET = "client-secret-for-tests-only";
  static final int DOWN_PORT = freePort();
  static final MockOAuth2Server LATE = new MockOAuth2Server();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "auth.publicBaseUrl",
              "https://minirag.example.test",
              "auth.providerMetadataRefresh",
              "1s",
              "auth.oidc.issuer",
              "http://127.0.0.1:" + DOWN_PORT + "/default",
              "auth.oidc.clientId",
              CLIENT_ID,
              "auth.oidc.clientSecret",
              CLIENT_SECRET));

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() {
    LATE.shutdown();
  }

  private Api api() {
    return new Api(APP.getLocalPort());
  }

  @Test
  @Order(1)
  void aProviderDownAtStartLeavesTheServiceUpAndSaysSo() {
    JsonNode health = api().get("/api/v1/health", Map.of()).json();
    assertThat(health.get("status").asText()).isEqualTo("degraded");
    assertThat(booleanAt(health, "/checks/sign_in_providers/healthy")).isFalse();
    assertThat(health.at("/checks/sign_in_providers/message").asText())
        .contains("oidc unavailable")
        .contains(String.valueOf(DOWN_PORT));
    assertThat(health.at("/checks/database/healthy").asBoolean()).isTrue();
    // ...but the load balancers' probe stays green: API keys and sessions still work.
    Api.Resp probe = new Api(APP.getAdminPort()).get("/healthcheck", Map.of());
    assertThat(probe.status()).as(probe.toString()).isEqualTo(200);
    assertThat(probe.body()).contains("database").doesNotContain("sign_in_providers");

    // The console still offers the button: the provider may come back without a restart.
    assertThat(api().get("/api/v1/auth/providers", Map.of()).json().get("providers").toString())
        .contains("oidc");

    Api.Resp browser =
        api()
            .get(
                "/api/v1/auth/login/oidc",
                Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
    assertThat(browser.status()).as(browser.toString()).isEqualTo(302);
    assertThat(browser.header("Location")).endsWith("/sign-in?error=provider_unavailable");
    assertThat(browser.setCookie("__Host-minirag_login")).isNull();

    Api.Resp client = api().get("/api/v1/auth/login/oidc", Map.of());
    assertThat(client.status()).isEqualTo(503);
    assertThat(client.header("Retry-After")).isEqualTo("30");
    assertThat(client.json().get("code").asInt()).isEqualTo(503);
    assertThat(client.json().get("message").asText()).contains("sign-in provider is unavailable");
    assertThat(client.json().get("requestId").asText()).isEqualTo(client.header("X-Request-Id"));

    Api.Resp callback =
        api()
            .get(
                "/api/v1/auth/callback/oidc?code=x&state=y",
                Map.of("Accept", "text/html,*/*;q=0.8"));
    assertThat(callback.header("Location"))
        .as(callback.toString())
        .endsWith("/sign-in?error=provider_unavailable");
  }

  @Test
  @Order(2)
  void theProviderIsPickedUpOnceItAnswers() throws Exception {
    LATE.start(InetAddress.getLoopbackAddress(), DOWN_PORT);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    Api.Resp start;
    do {
      Thread.sleep(250);
      start = api().get("/api/v1/auth/login/oidc", Map.of());
    } while (start.status() != 302 && Instant.now().isBefore(deadline));
    assertThat(start.status()).as(start.toString()).isEqualTo(302);
    assertThat(start.header("Location"))
        .startsWith("http://127.0.0.1:" + DOWN_PORT + "/default/authorize");
    assertThat(
            api()
                .get("/api/v1/health", Map.of())
                .json()
                .at("/checks/sign_in_providers/healthy")
                .asBoolean())
        .isTrue();
  }

  @Test
  @Order(3)
  void aProviderThatOnlyTakesPrivateKeyJwtStopsTheStartNamingTheSetting() {
    MockOAuth2Server mock = OidcProviders.started();
    try (ProviderFront onlyPrivateKeyJwt =
        new ProviderFront(
            mock,
            "default",
            List.of("private_key_jwt"),
            "private_key_jwt",
            CLIENT_ID,
            CLIENT_SECRET)) {
      DropwizardAppExtension<MiniRagConfiguration> app =
          TestApp.create(
              MiniRagApplication.class,
              DB,
              Map.of(
                  "auth.oidc.issuer", onlyPrivateKeyJwt.issuer(),
                  "auth.oidc.clientId", CLIENT_ID,
                  "auth.oidc.clientSecret", CLIENT_SECRET));
      try {
        assertThatThrownBy(app::before)
            .hasStackTraceContaining(
                "Refusing to start: OIDC_TOKEN_AUTH_METHOD is client_secret_basic but the provider "
                    + onlyPrivateKeyJwt.issuer()
                    + " supports only [private_key_jwt]");
      } finally {
        app.after();
      }
    } finally {
      mock.shutdown();
    }
  }
}
