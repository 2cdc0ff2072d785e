package dev.minirag.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ready for sharding by workspace (docs/scaling.md, stage 3): Citus enforces a primary key or
 * unique constraint only when it contains the distribution column. The workspace-scoped tables are
 * found in the migrated schema itself, not listed by hand: every table with a {@code workspace_id}
 * column, and every table with a foreign key to one of those (a table that belongs to a workspace
 * through its source, say). A new table whose keys lack {@code workspace_id} fails here.
 */
class WorkspaceKeysIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  /**
   * Tables whose keys do not contain workspace_id yet, and why. A fixed table must leave this list
   * (the test fails until it does). Empty since db/changelog/012-workspace-keys.sql.
   */
  private static final Map<String, String> NOT_YET = Map.of();

  /**
   * Tables that name a workspace but are not, and will not be, keyed by it, and why: in stage 3
   * they are not distributed by workspace_id (docs/scaling.md). Permanent, unlike {@link #NOT_YET}.
   */
  static final Map<String, String> NOT_DISTRIBUTED =
      Map.ofEntries(
          Map.entry(
              "api_key_prefixes",
              "routing table: a request presents only its key, so the prefix must find the"
                  + " workspace before any workspace is known; pkey (prefix), a reference table"),
          Map.entry(
              "audit_events",
              "workspace_id is legitimately NULL: sign-ins and operator actions belong to no"
                  + " workspace, and a deleted workspace's events outlive it (ON DELETE SET NULL),"
                  + " so it cannot be in the key; a table of its own, not co-located"));

  /** Every workspace-scoped table, with what is wrong with its keys (empty when nothing). */
  private static final String PROBLEMS =
      """
      WITH RECURSIVE scoped(oid) AS (
        SELECT a.attrelid FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'workspaces'
          AND a.attname = 'workspace_id' AND NOT a.attisdropped
        UNION
        SELECT f.conrelid FROM pg_constraint f JOIN scoped s ON f.confrelid = s.oid
        WHERE f.contype = 'f'
      ),
      keys AS (
        SELECT i.indrelid AS oid, ic.relname AS name,
               EXISTS (SELECT 1 FROM pg_attribute a
                       WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                         AND a.attname = 'workspace_id') AS scoped
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indisunique
      )
      SELECT c.relname AS table_name,
             concat_ws('; ',
               CASE WHEN NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                                       AND a.attname = 'workspace_id' AND NOT a.attisdropped)
                    THEN 'no workspace_id column' END,
               (SELECT 'keys without workspace_id: ' || string_agg(k.name, ', ' ORDER BY k.name)
                FROM keys k WHERE k.oid = c.oid AND NOT k.scoped)) AS problem
      FROM (SELECT DISTINCT oid FROM scoped) s JOIN pg_class c ON c.oid = s.oid
      ORDER BY 1
      """;

  @Test
  void everyWorkspaceScopedTableIsKeyedByWorkspace() {
    Jdbi jdbi = Jdbi.create(DB.dataSource());
    Map<String, String> problems = new TreeMap<>();
    List<Map<String, Object>> rows =
        jdbi.withHandle(h -> h.createQuery(PROBLEMS).mapToMap().list());
    for (Map<String, Object> row : rows) {
      String problem = (String) row.get("problem");
      if (problem != null && !problem.isEmpty()) {
        problems.put((String) row.get("table_name"), problem);
      }
    }
    assertThat(rows).as("the schema has workspace-scoped tables").hasSizeGreaterThan(5);
    assertThat(problems.keySet())
        .as("tables whose keys lack workspace_id: %s", problems)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    NOT_YET.keySet().stream(), NOT_DISTRIBUTED.keySet().stream())
                .toList());
  }
}
