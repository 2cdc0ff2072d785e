package dev.minirag.admin;

import dev.minirag.common.db.FansOut;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Read-only, cross-tenant figures for system administrators. */
@RegisterConstructorMapper(AdminDao.Stats.class)
@RegisterConstructorMapper(AdminDao.WorkspaceSummary.class)
public interface AdminDao {

  record Stats(
      long users,
      long systemAdmins,
      long organizations,
      long workspaces,
      long sources,
      long chunks,
      long storageBytes,
      long activeApiKeys) {}

  record WorkspaceSummary(
      UUID id,
      String name,
      UUID organizationId,
      java.time.Instant createdAt,
      long members,
      String[] ownerEmails,
      long sources,
      long chunks,
      long storageBytes) {}

  @FansOut("system-wide totals for the admin page")
  @SqlQuery(
      """
      SELECT (SELECT count(*) FROM users) AS users,
             (SELECT count(*) FROM users WHERE is_system_admin) AS system_admins,
             (SELECT count(*) FROM organizations) AS organizations,
             (SELECT count(*) FROM workspaces) AS workspaces,
             (SELECT count(*) FROM sources) AS sources,
             (SELECT count(*) FROM chunks) AS chunks,
             (SELECT coalesce(sum(byte_size), 0) FROM sources) AS storage_bytes,
             (SELECT count(*) FROM api_keys WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS active_api_keys
      """)
  Stats stats();

  @FansOut("the admin page lists every workspace with its counts")
  @SqlQuery(
      """
      SELECT w.id, w.name, w.organization_id, w.created_at,
             (SELECT count(*) FROM memberships m WHERE m.workspace_id = w.id) AS members,
             ARRAY(SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
                   WHERE m.workspace_id = w.id AND m.role = 'owner' ORDER BY u.email) AS owner_emails,
             (SELECT count(*) FROM sources s WHERE s.workspace_id = w.id) AS sources,
             (SELECT count(*) FROM chunks c WHERE c.workspace_id = w.id) AS chunks,
             (SELECT coalesce(sum(byte_size), 0) FROM sources s WHERE s.workspace_id = w.id) AS storage_bytes
      FROM workspaces w ORDER BY w.created_at, w.id LIMIT :limit OFFSET :offset
      """)
  List<WorkspaceSummary> workspaces(@Bind("limit") int limit, @Bind("offset") int offset);
}
