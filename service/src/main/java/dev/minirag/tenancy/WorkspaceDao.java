package dev.minirag.tenancy;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

public interface WorkspaceDao {

  @SqlQuery("SELECT id FROM workspaces WHERE id = :id")
  Optional<UUID> findId(@Bind("id") UUID id);

  @SqlQuery("SELECT id FROM workspaces ORDER BY created_at, id LIMIT 1")
  Optional<UUID> findFirst();

  @SqlQuery("INSERT INTO organizations (name) VALUES (:name) RETURNING id")
  UUID insertOrganization(@Bind("name") String name);

  @SqlQuery("INSERT INTO workspaces (organization_id, name) VALUES (:org, :name) RETURNING id")
  UUID insertWorkspace(@Bind("org") UUID organizationId, @Bind("name") String name);

  @SqlUpdate("SELECT pg_advisory_xact_lock(7340034)")
  void lockBootstrap();

  /** The first workspace, created with its organization on a fresh database (one node wins). */
  @Transaction
  default UUID ensureDefault() {
    lockBootstrap();
    return findFirst()
        .orElseGet(() -> insertWorkspace(insertOrganization("Default organization"), "Default"));
  }

  @SqlUpdate("DELETE FROM workspaces WHERE id = :id")
  int delete(@Bind("id") UUID id);
}
