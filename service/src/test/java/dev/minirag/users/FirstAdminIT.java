package dev.minirag.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who becomes system admin by signing in: the bootstrap email always, the first person only in development mode. */
class FirstAdminIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @Test
  void onlyTheBootstrapEmailOrDevelopmentModeMakesASystemAdmin() {
    Jdbi jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
    UserService production = new UserService(jdbi, false, "");
    assertThat(production.signIn("first@example.com", null).systemAdmin())
        .as("outside development mode the first person to sign in is not made system admin").isFalse();

    UserService bootstrapped = new UserService(jdbi, false, " Boss@Example.com ");
    assertThat(bootstrapped.signIn("someone@example.com", null).systemAdmin()).isFalse();
    assertThat(bootstrapped.signIn("boss@example.com", null).systemAdmin()).isTrue();

    // Development mode: the first person when there is no system admin yet.
    jdbi.useHandle(h -> h.execute("UPDATE users SET is_system_admin = false"));
    assertThat(new UserService(jdbi, true, "").signIn("dev@example.com", null).systemAdmin()).isTrue();
    assertThat(new UserService(jdbi, true, "").signIn("later@example.com", null).systemAdmin()).isFalse();
  }
}
