package dev.minirag.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who becomes system admin by signing in: the bootstrap email always, the first person only in
 * development mode.
 */
class FirstAdminIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  private static ProviderIdentity verified(String email) {
    return new ProviderIdentity("https://idp.test", "sub-" + email, email, true, null);
  }

  @Test
  void onlyTheBootstrapEmailOrDevelopmentModeMakesASystemAdmin() {
    Jdbi jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
    UserService production =
        new UserService(
            jdbi.onDemand(UserDao.class), new dev.minirag.tenancy.FirstWorkspaces(), false, "");
    assertThat(
            new UserService(
                    jdbi.onDemand(UserDao.class),
                    new dev.minirag.tenancy.FirstWorkspaces(),
                    false,
                    "unverified-boss@example.com")
                .signIn(
                    new ProviderIdentity(
                        "https://idp.test", "s-u", "unverified-boss@example.com", false, null))
                .user()
                .systemAdmin())
        .as("only an email the provider verified makes the bootstrap admin")
        .isFalse();
    assertThat(production.signIn(verified("first@example.com")).user().systemAdmin())
        .as("outside development mode the first person to sign in is not made system admin")
        .isFalse();

    UserService bootstrapped =
        new UserService(
            jdbi.onDemand(UserDao.class),
            new dev.minirag.tenancy.FirstWorkspaces(),
            false,
            " Boss@Example.com ");
    assertThat(bootstrapped.signIn(verified("someone@example.com")).user().systemAdmin()).isFalse();
    assertThat(bootstrapped.signIn(verified("boss@example.com")).user().systemAdmin()).isTrue();

    // Development mode: the first person when there is no system admin yet.
    jdbi.useHandle(h -> h.execute("UPDATE users SET is_system_admin = false"));
    assertThat(
            new UserService(
                    jdbi.onDemand(UserDao.class),
                    new dev.minirag.tenancy.FirstWorkspaces(),
                    true,
                    "")
                .signIn(verified("dev@example.com"))
                .user()
                .systemAdmin())
        .isTrue();
    assertThat(
            new UserService(
                    jdbi.onDemand(UserDao.class),
                    new dev.minirag.tenancy.FirstWorkspaces(),
                    true,
                    "")
                .signIn(verified("later@example.com"))
                .user()
                .systemAdmin())
        .isFalse();
  }
}
