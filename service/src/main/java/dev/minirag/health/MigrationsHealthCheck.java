package dev.minirag.health;

import com.codahale.metrics.health.HealthCheck;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Every changeSet of the bundled changelog has been applied to the database. */
public class MigrationsHealthCheck extends HealthCheck {
  private final DataSource dataSource;
  private final String changelog;

  public MigrationsHealthCheck(DataSource dataSource, String changelog) {
    this.dataSource = dataSource;
    this.changelog = changelog;
  }

  @Override
  protected Result check() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      // Liquibase switches the connection to autoCommit=false; a pooled connection must go back as it
      // came, or the next borrower's writes sit in a transaction nobody commits (and are lost).
      boolean autoCommit = connection.getAutoCommit();
      try {
        return pending(connection);
      } finally {
        if (!connection.getAutoCommit()) {
          connection.rollback();
        }
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  @SuppressWarnings("deprecation") // Liquibase's non-deprecated path needs its Scope/command API for one query.
  private Result pending(Connection connection) throws Exception {
    Database database =
        DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
    Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(), database);
    List<ChangeSet> pending = liquibase.listUnrunChangeSets(null, null);
    if (pending.isEmpty()) {
      return Result.healthy("all changeSets applied");
    }
    return Result.unhealthy(
        pending.size() + " pending changeSet(s), first " + pending.get(0).getId() + ": run `db migrate`");
  }
}
