package dev.minirag.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface WorkspaceDao {

  @SqlQuery("SELECT id FROM workspaces WHERE id = :id")
  Optional<UUID> findId(@Bind("id") UUID id);

  @SqlQuery("SELECT id FROM workspaces ORDER BY created_at, id LIMIT 2")
  List<UUID> firstTwo();

  @SqlQuery("INSERT INTO organizations (name) VALUES (:name) RETURNING id")
  UUID insertOrganization(@Bind("name") String name);

  @SqlQuery("INSERT INTO workspaces (organization_id, name) VALUES (:org, :name) RETURNING id")
  UUID insertWorkspace(@Bind("org") UUID organizationId, @Bind("name") String name);

  @SqlUpdate(
      """
      WITH gone AS (DELETE FROM workspaces WHERE id = :id RETURNING organization_id)
      DELETE FROM organizations o USING gone
      WHERE o.id = gone.organization_id
        AND NOT EXISTS (SELECT 1 FROM workspaces w WHERE w.organization_id = o.id AND w.id <> :id)
      """)
  void deleteWithEmptyOrganization(@Bind("id") UUID id);
}
