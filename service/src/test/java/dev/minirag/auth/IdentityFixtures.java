package dev.minirag.auth;

import dev.minirag.apikeys.ApiKeyDao;
import dev.minirag.apikeys.ApiKeyService;
import dev.minirag.tenancy.InvitationDao;
import dev.minirag.tenancy.InvitationService;
import dev.minirag.tenancy.TenancyDao;
import dev.minirag.tenancy.TenancyService;
import dev.minirag.tenancy.WorkspaceRole;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.ProviderIdentity;
import dev.minirag.users.User;
import dev.minirag.users.UserDao;
import dev.minirag.users.UserService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Builds users, workspaces, memberships, keys and session tokens directly through the service's own
 * classes on a test database; the app under test must use the same {@link #secret}.
 */
public final class IdentityFixtures {

  public record Session(UUID userId, String email, String token, String csrf) {
    public Map<String, String> headers() {
      return Api.session(token, csrf);
    }
  }

  public final Jdbi jdbi;
  public final UserService users;
  public final TenancyService tenancy;
  public final InvitationService invitations;
  public final ApiKeyService keys;
  public final SessionTokens tokens;
  public final String secret;

  public IdentityFixtures(TestDatabase db, String secret) {
    this.jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin());
    // Tests provision their first user as system admin, the way development mode does.
    this.users =
        new UserService(
            jdbi.onDemand(UserDao.class), new dev.minirag.tenancy.FirstWorkspaces(), true, "");
    this.tenancy = new TenancyService(jdbi.onDemand(TenancyDao.class), users);
    this.invitations =
        new InvitationService(
            jdbi.onDemand(InvitationDao.class),
            tenancy,
            users,
            Duration.ofDays(14),
            Clock.systemUTC());
    this.keys = new ApiKeyService(jdbi.onDemand(ApiKeyDao.class), Clock.systemUTC());
    this.secret = secret;
    this.tokens = new SessionTokens(secret, Duration.ofDays(7), Clock.systemUTC());
  }

  public Session session(User user) {
    SessionTokens.Issued issued = tokens.issue(user.id(), users.tokenVersion(user.id()));
    return new Session(user.id(), user.email(), issued.token(), tokens.csrfFor(issued.jti()));
  }

  /** The issuer of the identities fixtures sign in with. */
  public static final String ISSUER = "https://fixtures.test";

  /** A user who has "signed in" with a verified email (gets their own default workspace). */
  public User signIn(String email) {
    return users.signIn(new ProviderIdentity(ISSUER, "sub-" + email, email, true, null)).user();
  }

  /**
   * A member who has never signed in (no workspace of their own: this one becomes their default),
   * as an operator or an older invitation made them. New people are invited instead.
   */
  public User member(UUID workspace, String email, WorkspaceRole role) {
    users.ensure(email);
    tenancy.addMember(workspace, email, role, true);
    return users.findByEmail(email).orElseThrow();
  }

  public String key(UUID workspace, String name, List<String> scopes) {
    return keys.create(workspace, name, scopes, null, null).plaintext();
  }

  public long count(String sql, Object... args) {
    return jdbi.withHandle(
        h -> {
          var q = h.createQuery(sql);
          for (int i = 0; i < args.length; i++) {
            q.bind(i, args[i]);
          }
          return q.mapTo(Long.class).one();
        });
  }

  public void exec(String sql, Object... args) {
    jdbi.useHandle(h -> h.execute(sql, args));
  }
}
