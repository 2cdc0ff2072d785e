package dev.minirag.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.KeycloakServer;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Single sign-on against a real Keycloak (the slow test: Keycloak starts once for this class, see
 * the README's test section for its cost), through the browser: the console's "Sign in with single
 * sign-on", Keycloak's login form, back in the console as that person, sign-out, and a person whose
 * email Keycloak has not verified refused. Keycloak's discovery document lists private_key_jwt
 * first, so this also proves the configured client_secret_basic is what reaches its token endpoint.
 */
class KeycloakSignInIT {

  static final String CLIENT_ID = "mini-rag";
  static final String CLIENT_SECRET = TestApp.randomSecret();
  static final String PASSWORD = "pw-" + TestApp.randomSecret().substring(0, 16);
  static final int APP_PORT = KeycloakServer.freePort();
  static final String APP_URL = "http://127.0.0.1:" + APP_PORT;

  @RegisterExtension
  @Order(1)
  static final KeycloakServer KEYCLOAK =
      new KeycloakServer(
          "/keycloak/minirag-realm.json",
          "minirag",
          Map.of("CLIENT_SECRET", CLIENT_SECRET, "USER_PASSWORD", PASSWORD, "APP_URL", APP_URL));

  @RegisterExtension
  @Order(2)
  static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  @Order(3)
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "server.applicationConnectors[0].port",
              String.valueOf(APP_PORT),
              "auth.publicBaseUrl",
              APP_URL,
              "auth.cookieSecure",
              "false",
              "auth.oidc.issuer",
              KEYCLOAK.issuer(),
              "auth.oidc.clientId",
              CLIENT_ID,
              "auth.oidc.clientSecret",
              CLIENT_SECRET));

  @Test
  void signsInThroughKeycloakInTheBrowser() throws Exception {
    Api api = new Api(APP_PORT);
    JsonNode health = api.get("/api/v1/health", Map.of()).json();
    assertThat(health.at("/checks/sign_in_providers/healthy").asBoolean())
        .as(health.toString())
        .isTrue();
    assertThat(api.get("/api/v1/auth/providers", Map.of()).json().get("providers").toString())
        .contains("oidc");

    assertThat(Path.of("/usr/bin/chromium")).as("Debian chromium (bin/test installs it)").exists();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BASE_URL", APP_URL);
    env.put("SSO_VERIFIED_USER", "verified@example.test");
    env.put("SSO_UNVERIFIED_USER", "unverified@example.test");
    env.put("SSO_PASSWORD", PASSWORD);
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    env.put("CI", "true");
    int exit =
        TestApp.runProcess(
            TestApp.repoRoot().resolve("frontend-react"),
            env,
            "npx",
            "--no-install",
            "playwright",
            "test",
            "e2e/keycloak.spec.ts");
    assertThat(exit).as("Playwright exit code (its report is above)").isZero();

    IdentityFixtures f = new IdentityFixtures(DB, "unused");
    assertThat(f.users.findByEmail("verified@example.test")).isPresent();
    assertThat(f.users.findByEmail("unverified@example.test")).isEmpty();
    assertThat(f.count("SELECT count(*) FROM audit_events WHERE action = 'auth.sign_in'"))
        .isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM audit_events WHERE action = 'auth.sign_out'"))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'auth.failed' AND details->>'reason' = 'email not verified'"))
        .isEqualTo(1);
  }
}
