package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/session}: the console's signed-in check answers 200 whether or not the browser
 * is signed in (a browser logs every 4xx), while {@code /me} keeps its 401 for API clients.
 */
class SessionIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(MiniRagApplication.class, DB, Map.of("security.jwtSecret", SECRET));

  static IdentityFixtures f;
  static User owner;

  @BeforeAll
  static void setUp() {
    f = new IdentityFixtures(DB, SECRET);
    f.signIn("root@session.test");
    owner = f.signIn("owner@session.test");
  }

  private Api api() {
    return new Api(APP.getLocalPort());
  }

  @Test
  void signedOutIs200WithNobodyWhileMeStays401() {
    for (Map<String, String> headers :
        List.of(
            Map.<String, String>of(),
            Map.of("Cookie", SessionCookies.sessionName(true) + "=garbage"),
            Api.key("mrk_nothere_" + "x".repeat(32)))) {
      Api.Resp session = api().get("/api/v1/session", headers);
      assertThat(session.status()).as(session.toString()).isEqualTo(200);
      assertThat(session.json().get("signedIn").asBoolean()).isFalse();
      assertThat(session.json().has("me")).isFalse();
      assertThat(api().get("/api/v1/me", headers).status()).isEqualTo(401);
    }
  }

  @Test
  void signedInAnswersWhatMeAnswers() {
    Map<String, String> cookie = f.session(owner).headers();
    Api.Resp session = api().get("/api/v1/session", cookie);
    assertThat(session.status()).as(session.toString()).isEqualTo(200);
    JsonNode body = session.json();
    assertThat(body.get("signedIn").asBoolean()).isTrue();
    JsonNode me = api().get("/api/v1/me", cookie).json();
    assertThat(body.get("me")).isEqualTo(me);
    assertThat(me.get("email").asText()).isEqualTo("owner@session.test");
    assertThat(me.get("workspaceId").asText()).isEqualTo(owner.defaultWorkspaceId().toString());
  }

  @Test
  void aSignedOutSessionReadsAsSignedOut() {
    var session = f.session(owner);
    Api.Resp out =
        api().send("POST", "/api/v1/auth/logout", session.headers(), Map.<String, Object>of());
    assertThat(out.status()).as(out.toString()).isBetween(200, 204);
    Api.Resp after = api().get("/api/v1/session", session.headers());
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.json().get("signedIn").asBoolean()).isFalse();
  }

  @Test
  void aWorkspaceTheCallerIsNotInIsStill404() {
    UUID foreign = f.signIn("other@session.test").defaultWorkspaceId();
    Api.Resp r =
        api()
            .get(
                "/api/v1/session",
                Api.with(f.session(owner).headers(), "X-Workspace-Id", foreign.toString()));
    assertThat(r.status()).as(r.toString()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("other@session.test");
  }
}
