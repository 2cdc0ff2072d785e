package dev.minirag.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.common.db.Migrations;
import dev.minirag.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health checks and migrations against a database that starts empty. */
class HealthChecksIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase(false);

  @Test
  void checksReportAMissingExtensionAndPendingMigrationsThenRecover() throws Exception {
    DB.asSuperuser("DROP EXTENSION IF EXISTS vector");
    Jdbi jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
    var pgvector = new PgvectorHealthCheck(jdbi.onDemand(HealthDao.class)).execute();
    assertThat(pgvector.isHealthy()).isFalse();
    assertThat(pgvector.getMessage()).contains("pgvector");

    var migrations =
        new MigrationsHealthCheck(DB.dataSource(), MiniRagApplication.CHANGELOG).execute();
    assertThat(migrations.isHealthy()).isFalse();
    assertThat(migrations.getMessage()).contains("pending");

    assertThat(new DatabaseHealthCheck(jdbi.onDemand(HealthDao.class)).execute().isHealthy())
        .isTrue();

    // The extension needs a superuser (db/setup.sh); then the app's own migrations apply from
    // empty.
    DB.asSuperuser("CREATE EXTENSION vector");
    Migrations.apply(DB.dataSource(), MiniRagApplication.CHANGELOG);
    int applied = count(jdbi, "SELECT count(*) FROM databasechangelog");
    assertThat(applied).isGreaterThan(0);
    assertThat(new PgvectorHealthCheck(jdbi.onDemand(HealthDao.class)).execute().isHealthy())
        .isTrue();
    assertThat(
            new MigrationsHealthCheck(DB.dataSource(), MiniRagApplication.CHANGELOG)
                .execute()
                .isHealthy())
        .isTrue();

    // Idempotent: a second run changes nothing.
    Migrations.apply(DB.dataSource(), MiniRagApplication.CHANGELOG);
    assertThat(count(jdbi, "SELECT count(*) FROM databasechangelog")).isEqualTo(applied);
    for (String table :
        new String[] {
          "organizations",
          "users",
          "workspaces",
          "memberships",
          "sources",
          "chunks",
          "chunk_changes",
          "audit_events"
        }) {
      assertThat(
              count(
                  jdbi,
                  "SELECT count(*) FROM information_schema.tables WHERE table_name = '"
                      + table
                      + "'"))
          .as(table)
          .isEqualTo(1);
    }
  }

  private static int count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }
}
