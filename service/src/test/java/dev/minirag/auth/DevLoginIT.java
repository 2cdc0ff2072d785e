package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Development mode without a provider: a one-time, expiring sign-in link for the admin. */
class DevLoginIT {
  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "security.jwtSecret",
              SECRET,
              "security.devMode",
              "true",
              "auth.cookieSecure",
              "false",
              "auth.publicBaseUrl",
              "http://localhost:8080"));

  @Test
  void startupIssuesALinkThatSignsTheAdminInOnce() {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    User admin = f.users.findByEmail("admin@localhost").orElseThrow();
    assertThat(admin.systemAdmin()).isTrue();
    // the startup link (logged, never stored in plaintext): the first row for the admin
    assertThat(
            f.count(
                "SELECT count(*) FROM login_links WHERE user_id = ? AND token_hash ~ '^[0-9a-f]{64}$'",
                admin.id()))
        .isGreaterThanOrEqualTo(1);

    String link =
        new LoginLinks(
                f.jdbi.onDemand(SessionDao.class), "http://localhost:8080", true, Clock.systemUTC())
            .issue(admin.id());
    String path = link.substring("http://localhost:8080".length());
    Api api = new Api(APP.getLocalPort());
    Api.Resp r = api.get(path, Map.of());
    assertThat(r.status()).as(r.toString()).isEqualTo(302);
    assertThat(r.header("Location")).isEqualTo("http://127.0.0.1:" + APP.getLocalPort() + "/");
    // plain-HTTP localhost development: no Secure flag, still HttpOnly + SameSite
    assertThat(r.setCookieLine("minirag_session"))
        .doesNotContain("Secure")
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax");
    var me =
        api.get(
                "/api/v1/me",
                Api.session(r.setCookie("minirag_session"), r.setCookie("csrf_token")))
            .json();
    assertThat(me.get("email").asText()).isEqualTo("admin@localhost");
    assertThat(me.get("systemAdmin").asBoolean()).isTrue();
    // without Secure there is no __Host- prefix: the plain name is the one read, the prefixed one
    // is not
    String token = r.setCookie("minirag_session");
    assertThat(r.setCookie("__Host-minirag_session")).isNull();
    assertThat(api.get("/api/v1/me", Map.of("Cookie", "minirag_session=" + token)).status())
        .isEqualTo(200);
    assertThat(api.get("/api/v1/me", Map.of("Cookie", "__Host-minirag_session=" + token)).status())
        .isEqualTo(401);

    assertThat(api.get(path, Map.of()).status()).as("second use").isEqualTo(401);
    assertThat(api.get("/api/v1/auth/dev-login?token=" + "0".repeat(64), Map.of()).status())
        .isEqualTo(401);
    assertThat(api.get("/api/v1/auth/providers", Map.of()).json().get("devLogin").asBoolean())
        .isTrue();
  }

  @Test
  void aBrowserWithABadLinkLandsOnTheConsoleSignInScreen() {
    Api api = new Api(APP.getLocalPort());
    String bad = "/api/v1/auth/dev-login?token=" + "1".repeat(64);
    Api.Resp browser =
        api.get(
            bad,
            Map.of("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    assertThat(browser.status()).isEqualTo(302);
    // on the origin the browser used, not the configured public URL
    assertThat(browser.header("Location"))
        .isEqualTo("http://127.0.0.1:" + APP.getLocalPort() + "/sign-in?error=link_invalid");
    assertThat(browser.setCookie("minirag_session")).isNull();
    // an API client still gets the error shape
    Api.Resp json = api.get(bad, Map.of("Accept", "application/json"));
    assertThat(json.status()).isEqualTo(401);
    assertThat(json.json().get("code").asInt()).isEqualTo(401);
  }

  @Test
  void expiredLinksAreRefused() {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    User admin = f.users.findByEmail("admin@localhost").orElseThrow();
    String link =
        new LoginLinks(f.jdbi.onDemand(SessionDao.class), "", true, Clock.systemUTC())
            .issue(admin.id());
    String hash = dev.minirag.apikeys.ApiKeyFormat.hash(link.substring(link.indexOf("token=") + 6));
    f.exec(
        "UPDATE login_links SET expires_at = now() - interval '1 second' WHERE token_hash = ?",
        hash);
    assertThat(new Api(APP.getLocalPort()).get(link, Map.of()).status()).isEqualTo(401);
  }
}
