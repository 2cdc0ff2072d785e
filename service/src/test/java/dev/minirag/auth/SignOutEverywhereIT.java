package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.app.MiniRagConfiguration;
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

/** "Sign out everywhere" ends every session of the person, on every device, and no one else's. */
class SignOutEverywhereIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP = TestApp.create(DB);

  private static int me(Map<String, String> headers) {
    return new Http(APP).as(headers).get("/api/v1/me").getStatus();
  }

  @Test
  void everySessionOfThePersonEndsAndOnlyTheirs() {
    IdentityFixtures f =
        new IdentityFixtures(DB, APP.getConfiguration().getSecurity().getJwtSecret());
    User person = f.signIn("person-" + UUID.randomUUID() + "@example.com");
    User other = f.signIn("other-" + UUID.randomUUID() + "@example.com");
    IdentityFixtures.Session laptop = f.session(person);
    IdentityFixtures.Session phone = f.session(person);
    IdentityFixtures.Session someoneElse = f.session(other);
    String key =
        f.keys
            .create(
                person.defaultWorkspaceId(),
                "made by the person",
                List.of("read"),
                null,
                person.id())
            .plaintext();
    assertThat(List.of(me(laptop.headers()), me(phone.headers()), me(someoneElse.headers())))
        .containsOnly(200);

    assertThat(
            new Http(APP)
                .as(Map.of("X-API-Key", key))
                .send("POST", "/api/v1/auth/logout-everywhere", Entity.json(Map.of()), Map.of())
                .getStatus())
        .as("API keys are not people")
        .isEqualTo(403);
    assertThat(
            new Http(APP)
                .as(laptop.headers())
                .send("POST", "/api/v1/auth/logout-everywhere", Entity.json(Map.of()), Map.of())
                .getStatus())
        .isEqualTo(204);

    assertThat(me(laptop.headers())).isEqualTo(401);
    assertThat(me(phone.headers())).as("the session on the other device ends too").isEqualTo(401);
    assertThat(me(someoneElse.headers())).isEqualTo(200);
    assertThat(me(f.session(person).headers())).as("signing in again works").isEqualTo(200);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'auth.sign_out_everywhere' AND actor_user_id = ?",
                person.id()))
        .isEqualTo(1);
  }
}
