package dev.minirag.tenancy;

import dev.minirag.common.db.FansOut;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transactional;

/**
 * Invitations to workspaces. "Open" = not accepted, declined or revoked (expired ones stay open).
 */
@RegisterConstructorMapper(Invitation.class)
@RegisterConstructorMapper(MyInvitation.class)
@RegisterConstructorMapper(InvitationRow.class)
public interface InvitationDao extends Transactional<InvitationDao> {

  String OPEN = "i.accepted_at IS NULL AND i.declined_at IS NULL AND i.revoked_at IS NULL";

  /**
   * Creates the open invitation (invitedBy is null for a key made on the command line), or renews
   * the one already open for this email (role, inviter, expiry).
   */
  @SqlQuery(
      """
      INSERT INTO invitations AS i (workspace_id, email, role, invited_by, expires_at)
      VALUES (:ws, :email, :role, CAST(:by AS uuid), :expires)
      ON CONFLICT (workspace_id, email) WHERE accepted_at IS NULL AND declined_at IS NULL AND revoked_at IS NULL
      DO UPDATE SET role = EXCLUDED.role, invited_by = EXCLUDED.invited_by, created_at = now(), expires_at = EXCLUDED.expires_at
      RETURNING id
      """)
  UUID upsertOpen(
      @Bind("ws") UUID workspaceId,
      @Bind("email") String email,
      @Bind("role") String role,
      @Bind("by") UUID invitedBy,
      @Bind("expires") OffsetDateTime expiresAt);

  /**
   * Locks the workspace row for the rest of the transaction, so that invitations to one workspace
   * are counted and created one at a time and the open-invitation cap holds under concurrency. NO
   * KEY UPDATE, not UPDATE: it does not conflict with the key-share locks that inserts referencing
   * the workspace take (sources, chunks, memberships keep flowing); two of these still exclude each
   * other.
   */
  @SqlQuery("SELECT id FROM workspaces WHERE id = :ws FOR NO KEY UPDATE")
  Optional<UUID> lockWorkspace(@Bind("ws") UUID workspaceId);

  @SqlQuery("SELECT count(*) FROM invitations i WHERE i.workspace_id = :ws AND " + OPEN)
  int countOpen(@Bind("ws") UUID workspaceId);

  @SqlQuery(
      """
      SELECT i.id, i.email, i.role, i.invited_by, u.email AS invited_by_email, i.created_at, i.expires_at,
             i.expires_at <= now() AS expired
      FROM invitations i LEFT JOIN users u ON u.id = i.invited_by
      WHERE i.workspace_id = :ws AND i.accepted_at IS NULL AND i.declined_at IS NULL AND i.revoked_at IS NULL
      ORDER BY i.created_at DESC, i.id LIMIT :limit
      """)
  List<Invitation> listOpen(@Bind("ws") UUID workspaceId, @Bind("limit") int limit);

  @SqlQuery(
      """
      SELECT i.id, i.email, i.role, i.invited_by, u.email AS invited_by_email, i.created_at, i.expires_at,
             i.expires_at <= now() AS expired
      FROM invitations i LEFT JOIN users u ON u.id = i.invited_by
      WHERE i.workspace_id = :ws AND i.id = :id
      """)
  Optional<Invitation> find(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

  @FansOut("an invitee's open invitations, found by email, come from any workspace")
  @SqlQuery(
      """
      SELECT i.id, i.workspace_id, w.name AS workspace_name, i.role, u.email AS invited_by_email,
             u.display_name AS invited_by_name, i.created_at, i.expires_at
      FROM invitations i JOIN workspaces w ON w.id = i.workspace_id LEFT JOIN users u ON u.id = i.invited_by
      WHERE i.email = :email AND i.expires_at > now()
        AND i.accepted_at IS NULL AND i.declined_at IS NULL AND i.revoked_at IS NULL
      ORDER BY i.created_at DESC, i.id LIMIT :limit
      """)
  List<MyInvitation> openFor(@Bind("email") String email, @Bind("limit") int limit);

  /** Locks the row, so accepting, declining and revoking one invitation cannot interleave. */
  @SqlQuery(
      """
      SELECT id, workspace_id, email, role, expires_at, accepted_at, declined_at, revoked_at
      FROM invitations WHERE workspace_id = :ws AND id = :id FOR UPDATE
      """)
  Optional<InvitationRow> lock(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

  /**
   * As {@link #lock}, for the invitee: they name the invitation by id, and its workspace is what
   * they learn by accepting it. Only an invitation addressed to their email is found.
   */
  @FansOut("the invitee names an invitation by id and email; its workspace is not known yet")
  @SqlQuery(
      """
      SELECT id, workspace_id, email, role, expires_at, accepted_at, declined_at, revoked_at
      FROM invitations WHERE id = :id AND email = :email FOR UPDATE
      """)
  Optional<InvitationRow> lockAddressedTo(@Bind("id") UUID id, @Bind("email") String email);

  @SqlUpdate("UPDATE invitations SET accepted_at = now() WHERE workspace_id = :ws AND id = :id")
  void markAccepted(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

  @SqlUpdate("UPDATE invitations SET declined_at = now() WHERE workspace_id = :ws AND id = :id")
  void markDeclined(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

  @SqlUpdate("UPDATE invitations SET revoked_at = now() WHERE workspace_id = :ws AND id = :id")
  void markRevoked(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);
}
