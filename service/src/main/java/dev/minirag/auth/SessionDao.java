package dev.minirag.auth;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Revoked session ids and one-time development sign-in links. */
public interface SessionDao {

  @SqlUpdate(
      "INSERT INTO revoked_sessions (jti, user_id, expires_at) VALUES (:jti, :user, :exp) ON CONFLICT (jti) DO NOTHING")
  void revoke(
      @Bind("jti") UUID jti, @Bind("user") UUID userId, @Bind("exp") OffsetDateTime expiresAt);

  @SqlQuery("SELECT EXISTS (SELECT 1 FROM revoked_sessions WHERE jti = :jti)")
  boolean isRevoked(@Bind("jti") UUID jti);

  @SqlUpdate("DELETE FROM revoked_sessions WHERE expires_at < now()")
  int purgeExpired();

  @SqlUpdate(
      "INSERT INTO login_links (token_hash, user_id, expires_at) VALUES (:hash, :user, :exp)")
  void insertLoginLink(
      @Bind("hash") String tokenHash,
      @Bind("user") UUID userId,
      @Bind("exp") OffsetDateTime expiresAt);

  /** Marks the link used and returns its user, only if it was unused and unexpired: single use. */
  @SqlQuery(
      """
      UPDATE login_links SET used_at = now()
      WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now()
      RETURNING user_id
      """)
  Optional<UUID> consumeLoginLink(@Bind("hash") String tokenHash);
}
