package dev.minirag.quota;

import dev.minirag.common.db.FansOut;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Plans, per-workspace overrides and usage counters. Every daily increment is one statement that
 * checks and counts at once, so nodes sharing the database can never overshoot together.
 */
public interface QuotaDao {

  record Override(String name, long maxValue) {}

  record Stored(long sources, long chunks) {}

  record Daily(long uploadBytes, long asks, long searches) {}

  record WorkspaceUsageRow(
      UUID workspaceId,
      String workspaceName,
      UUID organizationId,
      String plan,
      long sources,
      long chunks,
      long uploadBytes,
      long asks,
      long searches) {}

  /** Empty when the workspace does not exist; the plan may be null (the configured default). */
  @RegisterConstructorMapper(PlanRow.class)
  @SqlQuery(
      """
      SELECT o.plan FROM workspaces w JOIN organizations o ON o.id = w.organization_id WHERE w.id = :ws
      """)
  Optional<PlanRow> plan(@Bind("ws") UUID workspaceId);

  record PlanRow(String plan) {}

  @SqlQuery("SELECT name, max_value FROM workspace_limits WHERE workspace_id = :ws")
  @RegisterConstructorMapper(Override.class)
  List<Override> overrides(@Bind("ws") UUID workspaceId);

  record WorkspaceOverride(UUID workspaceId, String name, long maxValue) {}

  @FansOut("every workspace's overrides, for the operator's listing")
  @SqlQuery("SELECT workspace_id, name, max_value FROM workspace_limits")
  @RegisterConstructorMapper(WorkspaceOverride.class)
  List<WorkspaceOverride> allOverrides();

  @SqlUpdate(
      """
      INSERT INTO workspace_limits (workspace_id, name, max_value, updated_by) VALUES (:ws, :name, :max, :by)
      ON CONFLICT (workspace_id, name) DO UPDATE SET max_value = EXCLUDED.max_value,
          updated_by = EXCLUDED.updated_by, updated_at = now()
      """)
  void setOverride(
      @Bind("ws") UUID workspaceId,
      @Bind("name") String name,
      @Bind("max") long max,
      @Bind("by") UUID by);

  @SqlUpdate("DELETE FROM workspace_limits WHERE workspace_id = :ws AND name = :name")
  void clearOverride(@Bind("ws") UUID workspaceId, @Bind("name") String name);

  /**
   * Sets (present) or clears (empty) each override in one transaction; false when the workspace is
   * unknown.
   */
  @Transaction
  default boolean applyOverrides(
      UUID workspaceId, java.util.Map<LimitName, Optional<Long>> changes, UUID by) {
    if (plan(workspaceId).isEmpty()) {
      return false;
    }
    changes.forEach(
        (name, value) -> {
          if (value.isPresent()) {
            setOverride(workspaceId, name.wire(), value.get(), by);
          } else {
            clearOverride(workspaceId, name.wire());
          }
        });
    return true;
  }

  @SqlUpdate("UPDATE organizations SET plan = :plan WHERE id = :org")
  int setPlan(@Bind("org") UUID organizationId, @Bind("plan") String plan);

  @SqlUpdate("UPDATE organizations SET plan = :plan WHERE id = :org AND plan IS NULL")
  int setPlanIfUnset(@Bind("org") UUID organizationId, @Bind("plan") String plan);

  /** Every workspace with what it stores and what it used on {@code day}, for the admin view. */
  @FansOut("the admin view lists every workspace")
  @SqlQuery(
      """
      SELECT w.id AS workspace_id, w.name AS workspace_name, o.id AS organization_id, o.plan,
             coalesce(s.sources, 0) AS sources, coalesce(s.chunks, 0) AS chunks,
             coalesce(d.upload_bytes, 0) AS upload_bytes, coalesce(d.asks, 0) AS asks,
             coalesce(d.searches, 0) AS searches
      FROM workspaces w
      JOIN organizations o ON o.id = w.organization_id
      LEFT JOIN workspace_usage s ON s.workspace_id = w.id
      LEFT JOIN usage_daily d ON d.workspace_id = w.id AND d.day = :day
      ORDER BY w.created_at, w.id
      LIMIT :limit OFFSET :offset
      """)
  @RegisterConstructorMapper(WorkspaceUsageRow.class)
  List<WorkspaceUsageRow> allUsage(
      @Bind("day") LocalDate day, @Bind("limit") int limit, @Bind("offset") int offset);

  @SqlQuery(
      "SELECT EXISTS (SELECT 1 FROM workspace_usage WHERE workspace_id = :ws AND first_ask_at IS NOT NULL)")
  boolean hasAsked(@Bind("ws") UUID workspaceId);

  /** Daily rows older than {@code before} are history nobody reads. */
  @FansOut("old daily rows of every workspace are purged together")
  @SqlUpdate("DELETE FROM usage_daily WHERE day < :before")
  int purgeDaily(@Bind("before") LocalDate before);
}
