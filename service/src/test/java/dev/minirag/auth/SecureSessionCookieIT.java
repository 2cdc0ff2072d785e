package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a Secure cookie (the default, as on an https public URL) the session cookie is {@code
 * __Host-minirag_session}, and only that name authenticates: a plain {@code minirag_session} (which
 * a sibling subdomain or an http page could plant) is ignored.
 */
class SecureSessionCookieIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          dev.minirag.MiniRagApplication.class,
          DB,
          Map.of("security.jwtSecret", SECRET, "auth.publicBaseUrl", "https://rag.example.test"));

  @Test
  void onlyTheHostPrefixedCookieAuthenticatesAndSignOutExpiresIt() {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    User user = f.signIn("cookie-person@example.com");
    IdentityFixtures.Session s = f.session(user);
    Api api = new Api(APP.getLocalPort());

    assertThat(
            api.get("/api/v1/me", Map.of("Cookie", "__Host-minirag_session=" + s.token())).status())
        .isEqualTo(200);
    assertThat(api.get("/api/v1/me", Map.of("Cookie", "minirag_session=" + s.token())).status())
        .as("the unprefixed name is not read in Secure mode")
        .isEqualTo(401);

    Api.Resp out =
        api.send(
            "POST",
            "/api/v1/auth/logout",
            Map.of(
                "Cookie",
                "__Host-minirag_session=" + s.token() + "; csrf_token=" + s.csrf(),
                "X-CSRF-Token",
                s.csrf()),
            null);
    assertThat(out.status()).as(out.toString()).isEqualTo(204);
    assertThat(out.setCookieLine("__Host-minirag_session"))
        .contains("Max-Age=0")
        .contains("Secure")
        .contains("Path=/")
        .doesNotContainIgnoringCase("Domain=");
    assertThat(out.setCookieLine("minirag_session"))
        .as("a cookie left from before the prefix is cleared")
        .contains("Max-Age=0");
    assertThat(
            api.get("/api/v1/me", Map.of("Cookie", "__Host-minirag_session=" + s.token())).status())
        .isEqualTo(401);
  }
}
