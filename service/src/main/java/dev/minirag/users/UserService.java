package dev.minirag.users;

import dev.minirag.tenancy.TenancyDao;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Users and their first-sign-in provisioning. Provisioning creates an organization, workspace and
 * owner membership in the same transaction as the user, so it attaches the tenancy DAO to its
 * handle: the one place users and tenancy must commit together.
 */
public class UserService {

  private final Jdbi jdbi;
  private final UserDao users;
  private final boolean firstSignInIsAdmin;
  private final String bootstrapAdminEmail;

  /**
   * @param firstSignInIsAdmin whether the first person ever to sign in becomes system admin: only in
   *     development mode, where no one else can reach the service
   * @param bootstrapAdminEmail the person who becomes system admin on signing in (empty: nobody);
   *     otherwise the first admin is made on the command line ({@code users create-admin})
   */
  public UserService(Jdbi jdbi, boolean firstSignInIsAdmin, String bootstrapAdminEmail) {
    this.jdbi = jdbi;
    this.users = jdbi.onDemand(UserDao.class);
    this.firstSignInIsAdmin = firstSignInIsAdmin;
    this.bootstrapAdminEmail = bootstrapAdminEmail == null || bootstrapAdminEmail.isBlank() ? null : normalize(bootstrapAdminEmail);
  }

  public Optional<User> find(UUID id) {
    return users.find(id);
  }

  /** The version every valid session token of this user carries; 0 for an unknown user. */
  public int tokenVersion(UUID id) {
    return users.tokenVersion(id).orElse(0);
  }

  /** Ends every session of the user: tokens issued until now stop working on their next request. */
  public void signOutEverywhere(UUID id) {
    users.bumpTokenVersion(id);
  }

  public Optional<User> findByEmail(String email) {
    return users.findByEmail(normalize(email));
  }

  /** The user with this email, created (without a workspace) when missing: used to invite by email. */
  public User ensure(String email) {
    return users.upsert(normalize(email), null);
  }

  /**
   * A successful sign-in: creates the user if new. The bootstrap admin (and, in development mode,
   * the first user ever) becomes system admin; a user signing in for the first time without a
   * default workspace gets their own (as owner).
   */
  public User signIn(String email, String displayName) {
    return provision(email, displayName, false, true);
  }

  /** Operator command: the user becomes system admin (created with a default workspace if new). */
  public User createAdmin(String email) {
    return provision(email, null, true, false);
  }

  private User provision(String email, String displayName, boolean forceAdmin, boolean login) {
    String normalized = normalize(email);
    return jdbi.inTransaction(
        h -> {
          UserDao u = h.attach(UserDao.class);
          TenancyDao t = h.attach(TenancyDao.class);
          u.lockProvisioning();
          boolean first = !u.anySystemAdmin();
          User user = u.upsert(normalized, displayName);
          boolean bootstrap = normalized.equals(bootstrapAdminEmail);
          if (forceAdmin || bootstrap || (first && firstSignInIsAdmin)) {
            u.setSystemAdmin(user.id(), true);
          }
          if (user.defaultWorkspaceId() == null && user.lastLoginAt() == null) {
            String label = displayName != null && !displayName.isBlank() ? displayName : normalized;
            UUID org = t.insertOrganization(first ? "Default organization" : label);
            var ws = t.insertWorkspace(org, first ? "Default workspace" : trim(label + "'s workspace"));
            t.insertMembership(ws.id(), user.id(), "owner");
            u.setDefaultWorkspace(user.id(), ws.id());
          }
          if (login) {
            u.touchLogin(user.id());
          }
          return u.find(user.id()).orElseThrow();
        });
  }

  public List<User> search(String query, int limit, int offset) {
    return users.search(query == null || query.isBlank() ? null : query.trim(), limit, offset);
  }

  public boolean setSystemAdmin(UUID userId, boolean flag) {
    return users.setSystemAdmin(userId, flag) == 1;
  }

  public void setDefaultWorkspace(UUID userId, UUID workspaceId) {
    users.setDefaultWorkspace(userId, workspaceId);
  }

  public static String normalize(String email) {
    if (email == null) {
      throw dev.minirag.common.ApiException.unprocessable("Email is required", null);
    }
    String e = email.trim().toLowerCase(Locale.ROOT);
    if (e.length() > 320 || e.indexOf('@') < 1 || e.indexOf('@') == e.length() - 1 || e.chars().anyMatch(Character::isWhitespace)) {
      throw dev.minirag.common.ApiException.unprocessable("Not a valid email address", java.util.Map.of("email", email));
    }
    return e;
  }

  private static String trim(String name) {
    return name.length() > 200 ? name.substring(0, 200) : name;
  }
}
