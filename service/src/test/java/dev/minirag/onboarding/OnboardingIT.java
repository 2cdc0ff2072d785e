package dev.minirag.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.tenancy.WorkspaceRole;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The getting-started steps come from what the workspace stores, and only its own. */
class OnboardingIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(MiniRagApplication.class, DB, Map.of("security.jwtSecret", SECRET));

  private final Api api = new Api(APP.getLocalPort());

  private JsonNode onboarding(Map<String, String> headers) {
    Api.Resp r = api.get("/api/v1/onboarding", headers);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private static List<Boolean> steps(JsonNode o) {
    return List.of(
        o.get("sourceAdded").asBoolean(),
        o.get("questionAsked").asBoolean(),
        o.get("apiKeyCreated").asBoolean());
  }

  @Test
  void eachStepTicksWhenItIsDoneAndOnlyInItsWorkspace() {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    f.signIn("root@onboarding.test");
    User owner = f.signIn("owner@onboarding.test");
    UUID ws = owner.defaultWorkspaceId();
    User neighbour = f.signIn("neighbour@onboarding.test");
    Map<String, String> session = f.session(owner).headers();
    Map<String, String> neighbourSession = f.session(neighbour).headers();
    User reader = f.member(ws, "reader@onboarding.test", WorkspaceRole.READER);

    JsonNode fresh = onboarding(session);
    assertThat(fresh.get("workspaceId").asText()).isEqualTo(ws.toString());
    assertThat(steps(fresh)).containsExactly(false, false, false);

    Api.Resp added =
        api.send(
            "POST",
            "/api/v1/sources/text",
            session,
            Map.of("title", "Bees", "text", "Bees keep the brood at 35 degrees."));
    assertThat(added.status()).as(added.toString()).isBetween(200, 202);
    assertThat(steps(onboarding(session))).containsExactly(true, false, false);

    Api.Resp asked =
        api.send("POST", "/api/v1/ask", session, Map.of("question", "How warm is the brood?"));
    assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
    assertThat(steps(onboarding(session))).containsExactly(true, true, false);
    // Daily counters are purged after some days; having asked is not forgotten with them.
    f.exec("DELETE FROM usage_daily WHERE workspace_id = ?", ws);
    assertThat(steps(onboarding(session))).containsExactly(true, true, false);

    var key = f.keys.create(ws, "first", List.of("read"), null, owner.id());
    f.keys.revoke(ws, key.key().id());
    JsonNode done = onboarding(session);
    assertThat(steps(done)).as("a revoked key was still created").containsExactly(true, true, true);
    // Every member reads the same, from the server, and a read key does too.
    assertThat(onboarding(f.session(reader).headers())).isEqualTo(done);
    String readKey = f.key(ws, "reader key", List.of("read"));
    assertThat(onboarding(Api.key(readKey))).isEqualTo(done);

    // Nothing of it reaches another workspace.
    assertThat(steps(onboarding(neighbourSession))).containsExactly(false, false, false);
    assertThat(api.get("/api/v1/onboarding", Map.of()).status()).isEqualTo(401);
  }
}
