package dev.minirag.tenancy;

import dev.minirag.common.db.FansOut;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transactional;

/** Organizations, workspaces and memberships: the tenancy aggregate. */
@RegisterConstructorMapper(Workspace.class)
@RegisterConstructorMapper(Member.class)
@RegisterConstructorMapper(MyWorkspace.class)
public interface TenancyDao extends Transactional<TenancyDao> {

  @SqlQuery("INSERT INTO organizations (name) VALUES (:name) RETURNING id")
  UUID insertOrganization(@Bind("name") String name);

  @SqlQuery(
      """
      INSERT INTO workspaces (organization_id, name) VALUES (:org, :name)
      RETURNING id, organization_id, name, created_at
      """)
  Workspace insertWorkspace(@Bind("org") UUID organizationId, @Bind("name") String name);

  @SqlQuery("SELECT id, organization_id, name, created_at FROM workspaces WHERE id = :id")
  Optional<Workspace> findWorkspace(@Bind("id") UUID id);

  @SqlUpdate("UPDATE workspaces SET name = :name WHERE id = :id")
  int renameWorkspace(@Bind("id") UUID id, @Bind("name") String name);

  /**
   * Sources and chunks go with it (ON DELETE CASCADE); the chunk trigger logs the deletes for
   * Lucene. The organization goes too when this was its last workspace and it has no billing
   * account (a customer's subscription must outlive an emptied organization).
   */
  @SqlQuery(
      """
      WITH gone AS (DELETE FROM workspaces WHERE id = :id RETURNING organization_id),
      emptied AS (
        DELETE FROM organizations o USING gone
        WHERE o.id = gone.organization_id
          AND NOT EXISTS (SELECT 1 FROM workspaces w WHERE w.organization_id = o.id AND w.id <> :id)
          AND NOT EXISTS (SELECT 1 FROM organization_billing b WHERE b.organization_id = o.id)
        RETURNING o.id)
      SELECT count(*) FROM gone
      """)
  int deleteWorkspace(@Bind("id") UUID id);

  /** At most two workspace ids: enough to tell "exactly one" from "none" and "several". */
  @SqlQuery("SELECT id FROM workspaces ORDER BY created_at, id LIMIT 2")
  List<UUID> firstTwoWorkspaceIds();

  @SqlUpdate(
      """
      INSERT INTO memberships (workspace_id, user_id, role) VALUES (:ws, :user, :role)
      ON CONFLICT (workspace_id, user_id) DO NOTHING
      """)
  int insertMembership(
      @Bind("ws") UUID workspaceId, @Bind("user") UUID userId, @Bind("role") String role);

  @SqlUpdate("UPDATE memberships SET role = :role WHERE workspace_id = :ws AND user_id = :user")
  int updateRole(
      @Bind("ws") UUID workspaceId, @Bind("user") UUID userId, @Bind("role") String role);

  @SqlUpdate("DELETE FROM memberships WHERE workspace_id = :ws AND user_id = :user")
  int deleteMembership(@Bind("ws") UUID workspaceId, @Bind("user") UUID userId);

  @SqlQuery("SELECT role FROM memberships WHERE workspace_id = :ws AND user_id = :user")
  Optional<String> roleOf(@Bind("ws") UUID workspaceId, @Bind("user") UUID userId);

  /** Locks the workspace's owner rows so two concurrent demotions cannot remove the last owner. */
  @SqlQuery(
      "SELECT count(*) FROM (SELECT 1 FROM memberships WHERE workspace_id = :ws AND role = 'owner' FOR UPDATE) o")
  int lockAndCountOwners(@Bind("ws") UUID workspaceId);

  @SqlQuery(
      """
      SELECT u.id AS user_id, u.email, u.display_name, m.role, m.created_at AS joined_at
      FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.workspace_id = :ws ORDER BY m.created_at, u.email
      """)
  List<Member> members(@Bind("ws") UUID workspaceId);

  @SqlQuery(
      """
      SELECT u.id AS user_id, u.email, u.display_name, m.role, m.created_at AS joined_at
      FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.workspace_id = :ws AND m.user_id = :user
      """)
  Optional<Member> member(@Bind("ws") UUID workspaceId, @Bind("user") UUID userId);

  @FansOut("a user's workspaces: memberships found by user, across workspaces")
  @SqlQuery(
      """
      SELECT w.id, w.name, w.organization_id, m.role, COALESCE(u.default_workspace_id = w.id, false) AS is_default
      FROM memberships m JOIN workspaces w ON w.id = m.workspace_id JOIN users u ON u.id = m.user_id
      WHERE m.user_id = :user ORDER BY w.created_at, w.id
      """)
  List<MyWorkspace> workspacesOf(@Bind("user") UUID userId);
}
