package dev.minirag.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.minirag.MiniRagApplication;
import dev.minirag.common.db.FansOut;
import dev.minirag.testing.TestDatabase;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlCall;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ready for sharding by workspace (docs/scaling.md, stage 3): Citus enforces a primary key or
 * unique constraint only when it contains the distribution column. The workspace-scoped tables are
 * found in the migrated schema itself, not listed by hand: every table with a {@code workspace_id}
 * column, and every table with a foreign key to one of those (a table that belongs to a workspace
 * through its source, say). A new table whose keys lack {@code workspace_id} fails here.
 *
 * <p>The second test reads every SQL statement of the compiled DAO interfaces ({@code @SqlQuery},
 * {@code @SqlUpdate}, {@code @SqlBatch}, {@code @SqlCall}) and fails when one touches a
 * workspace-keyed table without naming its workspace ({@link WorkspacePredicates} says what that
 * textual check does and does not see), unless the method is marked {@link FansOut} with a reason.
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

  private static List<Map<String, Object>> scopedTables() {
    Jdbi jdbi = Jdbi.create(DB.dataSource());
    return jdbi.withHandle(h -> h.createQuery(PROBLEMS).mapToMap().list());
  }

  @Test
  void everyWorkspaceScopedTableIsKeyedByWorkspace() {
    Map<String, String> problems = new TreeMap<>();
    List<Map<String, Object>> rows = scopedTables();
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

  @Test
  void everyDaoStatementNamesItsWorkspace() throws Exception {
    Set<String> keyed = new TreeSet<>();
    for (Map<String, Object> row : scopedTables()) {
      keyed.add((String) row.get("table_name"));
    }
    keyed.removeAll(NOT_DISTRIBUTED.keySet());
    assertThat(keyed).as("workspace-keyed tables").contains("sources", "chunks", "jobs");

    Map<String, List<String>> unnamed = new TreeMap<>();
    int statements = 0;
    for (Class<?> dao : daoInterfaces()) {
      for (Method method : dao.getDeclaredMethods()) {
        String sql = sqlOf(method);
        if (sql == null) {
          continue;
        }
        statements++;
        FansOut fansOut = method.getAnnotation(FansOut.class);
        if (fansOut != null) {
          assertThat(fansOut.value()).as("the reason %s fans out", method).isNotBlank();
          continue;
        }
        List<String> missing = WorkspacePredicates.missing(sql, keyed);
        if (!missing.isEmpty()) {
          unnamed.put(dao.getSimpleName() + "." + method.getName(), missing);
        }
      }
    }
    assertThat(statements).as("DAO statements found").isGreaterThan(100);
    assertThat(unnamed)
        .as(
            "DAO statements on workspace-keyed tables without a workspace_id predicate; add one,"
                + " or mark the method @FansOut(\"why\") if it must read every workspace")
        .isEmpty();
  }

  private static String sqlOf(Method method) {
    if (method.getAnnotation(SqlQuery.class) != null) {
      return method.getAnnotation(SqlQuery.class).value();
    }
    if (method.getAnnotation(SqlUpdate.class) != null) {
      return method.getAnnotation(SqlUpdate.class).value();
    }
    if (method.getAnnotation(SqlBatch.class) != null) {
      return method.getAnnotation(SqlBatch.class).value();
    }
    if (method.getAnnotation(SqlCall.class) != null) {
      return method.getAnnotation(SqlCall.class).value();
    }
    return null;
  }

  /** The service's own interfaces (not the Java client's, which shares the package prefix). */
  private static List<Class<?>> daoInterfaces() throws Exception {
    // The service's classes are a directory under Surefire and the packaged jar under Failsafe's
    // verify (locations jar:file:...jar!/...): match the path, not the URI's start.
    String service =
        MiniRagApplication.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toURI()
            .getPath();
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains(service))
            .importPackages("dev.minirag");
    List<Class<?>> daos = new ArrayList<>();
    for (JavaClass c : classes) {
      if (c.isInterface()) {
        daos.add(c.reflect());
      }
    }
    return daos;
  }
}
