package dev.minirag.common.db;

import java.util.Map;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/** Applies the bundled Liquibase changelog: the same one `db migrate` runs. */
public final class Migrations {
  private Migrations() {}

  @SuppressWarnings("deprecation") // the Liquibase facade is what Dropwizard's own command uses
  public static void apply(DataSource dataSource, String changelog) throws Exception {
    PooledConnections.borrow(
        dataSource,
        connection -> {
          Database database =
              DatabaseFactory.getInstance()
                  .findCorrectDatabaseImplementation(new JdbcConnection(connection));
          // Liquibase's progress and its update summary go to the log (in the configured format),
          // not
          // straight to stdout.
          Map<String, Object> scope =
              Map.of(
                  Scope.Attr.ui.name(),
                  new LoggerUIService(),
                  "liquibase.command.showSummaryOutput",
                  "LOG");
          Scope.child(
              scope,
              () ->
                  new Liquibase(changelog, new ClassLoaderResourceAccessor(), database).update(""));
          return null;
        });
  }
}
