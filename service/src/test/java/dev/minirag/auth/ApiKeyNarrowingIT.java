package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.tenancy.WorkspaceRole;
import dev.minirag.testing.Http;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An API key acts with at most its creator's current role: demotion narrows it, removal disables
 * it.
 */
class ApiKeyNarrowingIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP = TestApp.create(DB);

  private static int status(String key, String method, String path, Object body) {
    return new Http(APP)
        .as(Map.of("X-API-Key", key))
        .send(method, path, body == null ? null : Entity.json(body), Map.of())
        .getStatus();
  }

  @Test
  void aKeyFollowsItsCreatorsRoleAsItIsNow() {
    IdentityFixtures f =
        new IdentityFixtures(DB, APP.getConfiguration().getSecurity().getJwtSecret());
    User owner = f.signIn("owner-" + UUID.randomUUID() + "@example.com");
    UUID ws = owner.defaultWorkspaceId();
    User admin = f.member(ws, "admin-" + UUID.randomUUID() + "@example.com", WorkspaceRole.ADMIN);
    String key =
        f.keys
            .create(ws, "made by an admin", List.of("read", "write", "admin"), null, admin.id())
            .plaintext();
    String operatorKey = f.key(ws, "made on the command line", List.of("read", "write", "admin"));
    Map<String, String> text =
        Map.of("title", "Moles", "text", "Moles dig tunnels with their spade-like forepaws.");

    assertThat(status(key, "GET", "/api/v1/api-keys", null)).isEqualTo(200);

    f.tenancy.setRole(ws, admin.id(), WorkspaceRole.READER);
    assertThat(status(key, "GET", "/api/v1/sources", null))
        .as("reading is still within a reader's role")
        .isEqualTo(200);
    assertThat(status(key, "POST", "/api/v1/sources/text", text))
        .as("writing is not")
        .isEqualTo(403);
    assertThat(
            status(
                key,
                "POST",
                "/api/v1/api-keys",
                Map.of("name", "escalate", "scopes", List.of("admin"))))
        .as("nor minting keys")
        .isEqualTo(403);

    f.tenancy.removeMember(ws, admin.id(), true);
    assertThat(status(key, "GET", "/api/v1/sources", null))
        .as("a removed creator's key stops working")
        .isEqualTo(401);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'auth.failed' AND details->>'reason' LIKE '%creator%'"))
        .isEqualTo(1);

    // A key made by an operator has no creator to follow and keeps its scopes.
    assertThat(status(operatorKey, "POST", "/api/v1/sources/text", text)).isEqualTo(201);
  }
}
