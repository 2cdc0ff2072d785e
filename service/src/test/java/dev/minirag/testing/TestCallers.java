package dev.minirag.testing;

import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Real callers for tests of content endpoints: a signed-up user and a key for their workspace. */
public final class TestCallers {

  public record Owner(UUID userId, UUID workspaceId, Map<String, String> headers) {}

  private TestCallers() {}

  /** A new user (with their own default workspace) and an API key with every scope on it. */
  public static Owner owner(DropwizardAppExtension<MiniRagConfiguration> app, TestDatabase db) {
    IdentityFixtures f =
        new IdentityFixtures(db, app.getConfiguration().getSecurity().getJwtSecret());
    User user = f.signIn("owner-" + UUID.randomUUID() + "@example.com");
    String key = f.key(user.defaultWorkspaceId(), "tests", List.of("read", "write", "admin"));
    return new Owner(user.id(), user.defaultWorkspaceId(), Map.of("X-API-Key", key));
  }
}
