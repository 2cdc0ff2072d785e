package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Regression: the migrations health check (Liquibase) returned its pooled connection with
 * autoCommit=false, so later writes on that connection (audit rows, last_used_at) were never
 * committed.
 */
class PooledConnectionHygieneIT {
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
              "database.maxSize",
              "2",
              "database.minSize",
              "1",
              "database.initialSize",
              "1"));

  @Test
  void writesAfterAHealthCheckAreCommitted() {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    User u = f.signIn("hygiene@example.com");
    Api api = new Api(APP.getLocalPort());
    for (int i = 0; i < 3; i++) {
      assertThat(api.get("/api/v1/health", Map.of()).status()).isEqualTo(200);
    }
    assertThat(
            f.count(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'"))
        .isZero();
    for (int i = 0; i < 4; i++) {
      assertThat(
              api.send(
                      "POST", "/api/v1/workspaces", f.session(u).headers(), Map.of("name", "w" + i))
                  .status())
          .isEqualTo(201);
    }
    assertThat(f.count("SELECT count(*) FROM audit_events WHERE action = 'workspace.create'"))
        .isEqualTo(4);
  }
}
