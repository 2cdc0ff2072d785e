package dev.minirag.users;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transactional;

@RegisterConstructorMapper(User.class)
public interface UserDao extends Transactional<UserDao> {
  String COLUMNS =
      "id, email, display_name, is_system_admin AS system_admin, default_workspace_id, created_at, last_login_at";

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
  Optional<User> find(@Bind("id") UUID id);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE email = lower(:email)")
  Optional<User> findByEmail(@Bind("email") String email);

  /** Creates the user or returns the existing one with that email. */
  @SqlQuery(
      """
      INSERT INTO users (email, display_name) VALUES (lower(:email), :name)
      ON CONFLICT (email) DO UPDATE SET display_name = COALESCE(users.display_name, EXCLUDED.display_name)
      RETURNING id, email, display_name, is_system_admin AS system_admin, default_workspace_id, created_at, last_login_at
      """)
  User upsert(@Bind("email") String email, @Bind("name") String displayName);

  /** The user a provider's (issuer, subject) belongs to. */
  @SqlQuery("SELECT user_id FROM user_identities WHERE issuer = :issuer AND subject = :subject")
  Optional<UUID> userOfIdentity(@Bind("issuer") String issuer, @Bind("subject") String subject);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM user_identities WHERE user_id = :id)")
  boolean hasIdentity(@Bind("id") UUID userId);

  @SqlUpdate(
      """
      INSERT INTO user_identities (issuer, subject, user_id, email) VALUES (:issuer, :subject, :user, lower(:email))
      """)
  void insertIdentity(
      @Bind("issuer") String issuer,
      @Bind("subject") String subject,
      @Bind("user") UUID userId,
      @Bind("email") String email);

  /**
   * The email the provider gave this time: kept for the record, the account's own email does not
   * change.
   */
  @SqlUpdate(
      """
      UPDATE user_identities SET last_used_at = now(), email = lower(:email) WHERE issuer = :issuer AND subject = :subject
      """)
  void touchIdentity(
      @Bind("issuer") String issuer, @Bind("subject") String subject, @Bind("email") String email);

  @SqlUpdate("UPDATE users SET email_verified_at = now() WHERE id = :id AND email = lower(:email)")
  void markEmailVerified(@Bind("id") UUID id, @Bind("email") String email);

  @SqlQuery("SELECT email_verified_at IS NOT NULL FROM users WHERE id = :id")
  Optional<Boolean> emailVerified(@Bind("id") UUID id);

  /**
   * Whether the account can be taken for the owner of its email: a provider verified the address
   * for it, or no sign-in identity is linked to it yet (only a verified sign-in can link the first
   * one).
   */
  @SqlQuery(
      """
      SELECT u.email_verified_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = u.id)
      FROM users u WHERE u.id = :id
      """)
  Optional<Boolean> ownsEmail(@Bind("id") UUID id);

  /** Moves an account whose email no provider has verified to another address; 0 when verified. */
  @SqlUpdate("UPDATE users SET email = lower(:email) WHERE id = :id AND email_verified_at IS NULL")
  int releaseEmail(@Bind("id") UUID id, @Bind("email") String replacement);

  @SqlUpdate("UPDATE users SET default_workspace_id = :ws WHERE id = :id")
  void setDefaultWorkspace(@Bind("id") UUID id, @Bind("ws") UUID workspaceId);

  @SqlUpdate("UPDATE users SET is_system_admin = :flag WHERE id = :id")
  int setSystemAdmin(@Bind("id") UUID id, @Bind("flag") boolean flag);

  @SqlQuery("SELECT token_version FROM users WHERE id = :id")
  Optional<Integer> tokenVersion(@Bind("id") UUID id);

  /** Every session token issued before this carries an older version and is refused from now on. */
  @SqlUpdate("UPDATE users SET token_version = token_version + 1 WHERE id = :id")
  int bumpTokenVersion(@Bind("id") UUID id);

  @SqlUpdate("UPDATE users SET last_login_at = now() WHERE id = :id")
  void touchLogin(@Bind("id") UUID id);

  /** Serializes first-sign-in provisioning, so exactly one first user becomes system admin. */
  @SqlQuery("SELECT pg_advisory_xact_lock(7340034) IS NOT NULL")
  boolean lockProvisioning();

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM users WHERE is_system_admin)")
  boolean anySystemAdmin();

  @SqlQuery(
      """
      SELECT id, email, display_name, is_system_admin AS system_admin, default_workspace_id, created_at, last_login_at
      FROM users
      WHERE CAST(:q AS text) IS NULL
         OR strpos(email, lower(CAST(:q AS text))) > 0
         OR strpos(lower(coalesce(display_name, '')), lower(CAST(:q AS text))) > 0
      ORDER BY created_at, id LIMIT :limit OFFSET :offset
      """)
  List<User> search(@Bind("q") String query, @Bind("limit") int limit, @Bind("offset") int offset);
}
