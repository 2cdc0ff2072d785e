package dev.minirag.app;

import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Applies the bundled Liquibase changelog: the same one `db migrate` runs. */
public final class Migrations {
  private Migrations() {}

  @SuppressWarnings("deprecation") // the Liquibase facade is what Dropwizard's own command uses
  public static void apply(DataSource dataSource, String changelog) throws Exception {
    PooledConnections.borrow(dataSource, connection -> {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      new Liquibase(changelog, new ClassLoaderResourceAccessor(), database).update("");
      return null;
    });
  }
}
