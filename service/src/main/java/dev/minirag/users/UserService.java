package dev.minirag.users;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Users and their first-sign-in provisioning. Provisioning creates an organization, workspace and
 * owner membership in the same transaction as the user, so it hands the transaction's handle to
 * tenancy: the one place users and tenancy must commit together.
 */
public class UserService {

  private final UserDao users;
  private final boolean firstSignInIsAdmin;
  private final String bootstrapAdminEmail;
  private final FirstWorkspace firstWorkspace;

  /**
   * @param firstSignInIsAdmin whether the first person ever to sign in becomes system admin: only
   *     in development mode, where no one else can reach the service
   * @param bootstrapAdminEmail the person who becomes system admin on signing in (empty: nobody);
   *     otherwise the first admin is made on the command line ({@code users create-admin})
   */
  public UserService(
      UserDao users,
      FirstWorkspace firstWorkspace,
      boolean firstSignInIsAdmin,
      String bootstrapAdminEmail) {
    this.users = users;
    this.firstWorkspace = firstWorkspace;
    this.firstSignInIsAdmin = firstSignInIsAdmin;
    this.bootstrapAdminEmail =
        bootstrapAdminEmail == null || bootstrapAdminEmail.isBlank()
            ? null
            : normalize(bootstrapAdminEmail);
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

  /**
   * The user with this email, created (without a workspace or identity) when missing: operator
   * commands.
   */
  public User ensure(String email) {
    return users.upsert(normalize(email), null);
  }

  /**
   * A sign-in's outcome; {@code linked}: the identity was attached to an existing account just now.
   */
  public record SignedIn(User user, boolean linked) {}

  /**
   * A successful sign-in at a provider. The person is found by (issuer, subject), never by email
   * alone: an unknown identity with the email of an existing account is linked to it only when that
   * account has no identity yet (made on the command line, by the bootstrap email, by an accepted
   * or older invitation, or from before identities were stored) and the provider verified the
   * email; otherwise {@link IdentityConflictException}, also when the account holding the email is
   * linked to another identity whose address no provider verified (an operator frees the address
   * with {@link #releaseEmail}; that account is never handed over). A new person gets a user and
   * their own workspace (as owner). The bootstrap admin (and, in development mode, the first user
   * ever) becomes system admin. All of it commits together or not at all.
   */
  public SignedIn signIn(ProviderIdentity id) {
    String email = normalize(id.email());
    return users.inTransaction(
        u -> {
          u.lockProvisioning();
          Optional<UUID> known = u.userOfIdentity(id.issuer(), id.subject());
          boolean linked = false;
          User user;
          if (known.isPresent()) {
            u.touchIdentity(id.issuer(), id.subject(), email);
            user = u.find(known.get()).orElseThrow();
          } else {
            Optional<User> sameEmail = u.findByEmail(email);
            if (sameEmail.isPresent() && u.hasIdentity(sameEmail.get().id())) {
              throw new IdentityConflictException(
                  sameEmail.get().id(),
                  u.emailVerified(sameEmail.get().id()).orElse(false)
                      ? "email belongs to an account linked to another identity"
                      : "email held by an account no provider has verified it for (an operator can release it: users release-email)");
            }
            if (sameEmail.isPresent() && !id.emailVerified()) {
              throw new IdentityConflictException(
                  sameEmail.get().id(), "unverified email of an existing account");
            }
            linked = sameEmail.isPresent();
            user = u.upsert(email, id.displayName());
            u.insertIdentity(id.issuer(), id.subject(), user.id(), email);
          }
          if (id.emailVerified()) {
            u.markEmailVerified(user.id(), email);
          }
          // Only an address the provider vouches for makes the bootstrap admin.
          boolean bootstrap = id.emailVerified() && email.equals(user.email());
          provision(u, user, bootstrap ? user.email() : null, id.displayName(), false);
          u.touchLogin(user.id());
          return new SignedIn(u.find(user.id()).orElseThrow(), linked);
        });
  }

  /**
   * Operator command: moves the account holding this email, if no provider has verified the address
   * for it, to {@code <user id>@released.invalid}, so that the person who owns the address can sign
   * in (getting a new account) and see invitations to it. The account keeps its identities,
   * workspaces and data, and whoever signs in with those identities still reaches it.
   *
   * @throws IllegalArgumentException when no account has this email, or a provider verified it
   */
  public User releaseEmail(String email) {
    String normalized = normalize(email);
    return users.inTransaction(
        u -> {
          u.lockProvisioning();
          User user =
              u.findByEmail(normalized)
                  .orElseThrow(() -> new IllegalArgumentException("no user with that email"));
          if (u.releaseEmail(user.id(), user.id() + "@released.invalid") == 0) {
            throw new IllegalArgumentException(
                "a provider has verified this email for its account: it is not released");
          }
          return u.find(user.id()).orElseThrow();
        });
  }

  /**
   * Operator command: the user becomes system admin (created with a default workspace if new). No
   * identity is recorded: the first sign-in with a verified email links one.
   */
  public User createAdmin(String email) {
    String normalized = normalize(email);
    return users.inTransaction(
        u -> {
          u.lockProvisioning();
          User user = u.upsert(normalized, null);
          provision(u, user, null, null, true);
          return u.find(user.id()).orElseThrow();
        });
  }

  /**
   * Admin flag and first workspace, inside the caller's transaction (which holds the provisioning
   * lock, so exactly one first user becomes system admin in development mode).
   *
   * @param verifiedEmail the user's email when a provider has just vouched for it, else null
   */
  private void provision(
      UserDao u, User user, String verifiedEmail, String displayName, boolean forceAdmin) {
    boolean first = !u.anySystemAdmin();
    boolean bootstrap = verifiedEmail != null && verifiedEmail.equals(bootstrapAdminEmail);
    if (forceAdmin || bootstrap || (first && firstSignInIsAdmin)) {
      u.setSystemAdmin(user.id(), true);
    }
    if (user.defaultWorkspaceId() == null && user.lastLoginAt() == null) {
      String label = displayName != null && !displayName.isBlank() ? displayName : user.email();
      UUID ws =
          firstWorkspace.create(
              u.getHandle(),
              user.id(),
              first ? "Default organization" : label,
              first ? "Default workspace" : trim(label + "'s workspace"));
      u.setDefaultWorkspace(user.id(), ws);
    }
  }

  /**
   * Whether adding this account by its email reaches the person who owns the address: a provider
   * has verified the address for it, or it has no sign-in identity yet (made by an operator; the
   * first sign-in that links one must have a verified email). False for an unknown user.
   */
  public boolean ownsEmail(UUID userId) {
    return users.ownsEmail(userId).orElse(false);
  }

  /** Whether a provider has vouched for the user's current email (invitations need it). */
  public boolean emailVerified(UUID userId) {
    return users.emailVerified(userId).orElse(false);
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
    if (e.length() > 320
        || e.indexOf('@') < 1
        || e.indexOf('@') == e.length() - 1
        || e.chars().anyMatch(Character::isWhitespace)) {
      throw dev.minirag.common.ApiException.unprocessable(
          "Not a valid email address", java.util.Map.of("email", email));
    }
    return e;
  }

  private static String trim(String name) {
    return name.length() > 200 ? name.substring(0, 200) : name;
  }
}
