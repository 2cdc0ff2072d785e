package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real sign-in flow against a real OIDC server in-process (mock-oauth2-server), redirects by
 * hand.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInFlowIT {

  static final String CLIENT_ID = "mini-rag-test";
  static final String SECRET = TestApp.randomSecret();
  static final MockOAuth2Server OIDC = OidcProviders.started();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "security.jwtSecret",
              SECRET,
              "auth.publicBaseUrl",
              "https://minirag.example.test",
              "auth.oidc.issuer",
              OIDC.issuerUrl("default").toString(),
              "auth.oidc.clientId",
              CLIENT_ID,
              "auth.oidc.clientSecret",
              "client-secret-for-tests-only",
              // Outside development mode only the bootstrap admin (or one made on the command line)
              // is system admin.
              "auth.bootstrapAdminEmail",
              "alice@example.com"));

  @AfterAll
  static void stop() {
    OIDC.shutdown();
  }

  private Api api() {
    return new Api(APP.getLocalPort());
  }

  /** Login → provider → callback; returns the callback response (which sets the cookies). */
  private Api.Resp signIn(String email, String name) {
    return signIn(Map.of("email", email, "name", name, "email_verified", true), Map.of());
  }

  private Api.Resp signIn(Map<String, Object> claims, Map<String, String> headers) {
    OIDC.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default", "sub-" + claims.get("email"), "JWT", List.of(CLIENT_ID), claims, 3600));
    Api.Resp start = api().get("/api/v1/auth/login/oidc", Map.of());
    assertThat(start.status()).as(start.toString()).isEqualTo(302);
    String location = start.header("Location");
    assertThat(location)
        .startsWith(OIDC.authorizationEndpointUrl("default").toString())
        .contains(
            "redirect_uri="
                + java.net.URLEncoder.encode(
                    "https://minirag.example.test/api/v1/auth/callback/oidc",
                    java.nio.charset.StandardCharsets.UTF_8))
        .contains("state=")
        .contains("nonce=")
        .contains("code_challenge=");
    String loginCookie = start.setCookie("__Host-minirag_login");
    assertThat(loginCookie).isNotBlank();

    Api.Resp provider = api().get(location, Map.of());
    assertThat(provider.status()).as(provider.toString()).isEqualTo(302);
    URI back = URI.create(provider.header("Location"));
    assertThat(back.getPath()).isEqualTo("/api/v1/auth/callback/oidc");

    return api()
        .get(
            "/api/v1/auth/callback/oidc?" + back.getRawQuery(),
            Api.with(headers, "Cookie", "__Host-minirag_login=" + loginCookie));
  }

  @Test
  @Order(1)
  void theBootstrapAdminSignsInAsSystemAdminAndOwnerOfTheDefaultWorkspace() {
    Api.Resp cb = signIn("alice@example.com", "Alice");
    assertThat(cb.status()).as(cb.toString()).isEqualTo(302);
    assertThat(cb.header("Location")).isEqualTo("https://minirag.example.test/");
    assertThat(cb.setCookieLine("__Host-minirag_session"))
        .contains("HttpOnly")
        .contains("Secure")
        .containsIgnoringCase("SameSite=Lax")
        .contains("Max-Age=604800")
        .contains("Path=/")
        .doesNotContainIgnoringCase("Domain=");
    assertThat(cb.setCookieLine("csrf_token")).doesNotContain("HttpOnly").contains("Secure");

    Api.Resp me = api().get("/api/v1/me", Api.sessionOf(cb));
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    JsonNode body = me.json();
    assertThat(body.get("email").asText()).isEqualTo("alice@example.com");
    assertThat(body.get("systemAdmin").asBoolean()).isTrue();
    assertThat(body.get("role").asText()).isEqualTo("owner");
    assertThat(body.get("workspaces")).hasSize(1);
    assertThat(body.get("workspaces").get(0).get("name").asText()).isEqualTo("Default workspace");
    assertThat(body.get("workspaceId").asText())
        .isEqualTo(body.get("workspaces").get(0).get("id").asText());
  }

  @Test
  @Order(2)
  void laterUsersGetTheirOwnWorkspaceAndNoAdminFlag() {
    Api.Resp cb = signIn("bob@example.com", "Bob");
    assertThat(cb.status()).isEqualTo(302);
    JsonNode me = api().get("/api/v1/me", Api.sessionOf(cb)).json();
    assertThat(me.get("systemAdmin").asBoolean()).isFalse();
    assertThat(me.get("permissions").toString()).contains("owner").doesNotContain("system_admin");
    assertThat(me.get("workspaces")).hasSize(1);
    assertThat(me.get("workspaces").get(0).get("name").asText()).isEqualTo("Bob's workspace");
    assertThat(api().get("/api/v1/admin/users", Api.sessionOf(cb)).status()).isEqualTo(403);
  }

  @Test
  @Order(3)
  void logoutNeedsCsrfThenRevokesTheToken() {
    Map<String, String> session = Api.sessionOf(signIn("carol@example.com", "Carol"));
    Map<String, String> noCsrf = Map.of("Cookie", session.get("Cookie"));
    Api.Resp refused = api().send("POST", "/api/v1/auth/logout", noCsrf, null);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("code").asInt()).isEqualTo(403);
    Api.Resp wrong =
        api().send("POST", "/api/v1/auth/logout", Api.with(noCsrf, "X-CSRF-Token", "guess"), null);
    assertThat(wrong.status()).isEqualTo(403);

    Api.Resp out = api().send("POST", "/api/v1/auth/logout", session, null);
    assertThat(out.status()).as(out.toString()).isEqualTo(204);
    assertThat(out.setCookieLine("__Host-minirag_session")).contains("Max-Age=0");
    Api.Resp after = api().get("/api/v1/me", session);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().get("message").textValue()).isNotBlank();
    assertThat(after.json().get("requestId").asText()).isEqualTo(after.header("X-Request-Id"));
  }

  @Test
  @Order(4)
  void callbackWithoutTheLoginCookieOrWithAForgedStateIsRefused() {
    Api.Resp start = api().get("/api/v1/auth/login/oidc", Map.of());
    // No callback enqueued: the mock takes one at its token endpoint, which a refused callback
    // never
    // reaches, and a leftover would answer the next test's sign-in.
    URI back = URI.create(api().get(start.header("Location"), Map.of()).header("Location"));
    assertThat(api().get("/api/v1/auth/callback/oidc?" + back.getRawQuery(), Map.of()).status())
        .isEqualTo(401);
    String forged = back.getRawQuery().replaceAll("state=[^&]+", "state=forged");
    Api.Resp r =
        api()
            .get(
                "/api/v1/auth/callback/oidc?" + forged,
                Map.of(
                    "Cookie", "__Host-minirag_login=" + start.setCookie("__Host-minirag_login")));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.setCookie("__Host-minirag_session")).isNull();

    // A browser landing here is sent back to the console's sign-in screen with an error code.
    Api.Resp browser =
        api()
            .get(
                "/api/v1/auth/callback/oidc?" + forged,
                Map.of(
                    "Cookie",
                    "__Host-minirag_login=" + start.setCookie("__Host-minirag_login"),
                    "Accept",
                    "text/html,application/xhtml+xml,*/*;q=0.8"));
    assertThat(browser.status()).isEqualTo(302);
    assertThat(browser.header("Location"))
        .endsWith("/sign-in?error=sign_in_failed")
        .doesNotContain("minirag.example.test");
    assertThat(browser.setCookie("__Host-minirag_session")).isNull();
  }

  @Test
  @Order(5)
  void auditHasSignInSignOutAndFailures() {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    assertThat(f.count("SELECT count(*) FROM audit_events WHERE action = 'auth.sign_in'"))
        .isGreaterThanOrEqualTo(3);
    assertThat(f.count("SELECT count(*) FROM audit_events WHERE action = 'auth.sign_out'"))
        .isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM audit_events WHERE action = 'auth.failed'"))
        .isGreaterThanOrEqualTo(3);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'auth.sign_in' AND ip IS NOT NULL AND request_id IS NOT NULL AND user_agent IS NOT NULL"))
        .isGreaterThanOrEqualTo(3);
    // nothing secret: no session token, CSRF value or key material in any audit row
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE details::text ~ 'eyJ|mrk_' OR target ~ 'eyJ|mrk_'"))
        .isZero();
  }

  @Test
  @Order(6)
  void unknownProviderIs404() {
    assertThat(api().get("/api/v1/auth/login/nope", Map.of()).status()).isEqualTo(404);
    JsonNode providers = api().get("/api/v1/auth/providers", Map.of()).json();
    assertThat(providers.get("providers").toString()).contains("oidc");
    assertThat(providers.get("devLogin").asBoolean()).isFalse();
  }

  @Test
  @Order(7)
  void anEmailTheProviderHasNotVerifiedIsRefused() {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    Api.Resp unverified =
        signIn(Map.of("email", "eve@example.com", "email_verified", false), Map.of());
    assertThat(unverified.status()).as(unverified.toString()).isEqualTo(401);
    assertThat(unverified.json().get("message").asText()).contains("not verified");
    assertThat(unverified.setCookie("__Host-minirag_session")).isNull();

    // No claim at all is not "verified" either; a browser lands on the sign-in screen.
    Api.Resp browser =
        signIn(Map.of("email", "eve@example.com"), Map.of("Accept", "text/html,*/*;q=0.8"));
    assertThat(browser.status()).isEqualTo(302);
    assertThat(browser.header("Location")).endsWith("/sign-in?error=email_unverified");
    assertThat(browser.setCookie("__Host-minirag_session")).isNull();

    assertThat(f.users.findByEmail("eve@example.com")).isEmpty();
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'auth.failed' AND details->>'reason' = 'email not verified'"))
        .isEqualTo(2);
  }

  @Test
  @Order(8)
  void anEmailWeCannotAcceptSendsABrowserToTheSignInScreen() {
    Api.Resp browser =
        signIn(
            Map.of("email", "not-an-email", "email_verified", true),
            Map.of("Accept", "text/html,*/*;q=0.8"));
    assertThat(browser.status()).as(browser.toString()).isEqualTo(302);
    assertThat(browser.header("Location")).endsWith("/sign-in?error=sign_in_failed");
    assertThat(browser.setCookie("__Host-minirag_session")).isNull();
  }

  @Test
  @Order(9)
  void onlyTheHostPrefixedLoginStateFinishesASignIn() {
    // Login CSRF: an attacker starts a sign-in into their own account and plants its login state in
    // the victim's browser from a sibling subdomain or an http page, which can set an unprefixed
    // cookie but never a __Host- one. Secure mode reads only the prefixed name.
    OIDC.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default",
            "sub-mallory@example.com",
            "JWT",
            List.of(CLIENT_ID),
            Map.of("email", "mallory@example.com", "email_verified", true),
            3600));
    Api.Resp start = api().get("/api/v1/auth/login/oidc", Map.of());
    assertThat(start.setCookieLine("__Host-minirag_login"))
        .contains("HttpOnly")
        .contains("Secure")
        .contains("Path=/")
        .containsIgnoringCase("SameSite=Lax")
        .doesNotContainIgnoringCase("Domain=");
    assertThat(start.setCookie("minirag_login")).as("no unprefixed login state is set").isNull();
    String loginId = start.setCookie("__Host-minirag_login");
    URI back = URI.create(api().get(start.header("Location"), Map.of()).header("Location"));
    String callback = "/api/v1/auth/callback/oidc?" + back.getRawQuery();

    Api.Resp planted = api().get(callback, Map.of("Cookie", "minirag_login=" + loginId));
    assertThat(planted.status()).as(planted.toString()).isEqualTo(401);
    assertThat(planted.json().get("message").asText()).contains("missing login state");
    assertThat(planted.setCookie("__Host-minirag_session")).isNull();

    // The same login, carried by the cookie this service set, still completes (and clears it).
    Api.Resp own = api().get(callback, Map.of("Cookie", "__Host-minirag_login=" + loginId));
    assertThat(own.status()).as(own.toString()).isEqualTo(302);
    assertThat(own.setCookie("__Host-minirag_session")).isNotBlank();
    assertThat(own.setCookieLine("__Host-minirag_login")).contains("Max-Age=0").contains("Secure");
  }
}
