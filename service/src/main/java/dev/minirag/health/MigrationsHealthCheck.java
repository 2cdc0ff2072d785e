package dev.minirag.health;

import dev.minirag.common.db.PooledConnections;
import java.util.List;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Every changeSet of the bundled changelog has been applied to the database. */
public class MigrationsHealthCheck extends DatabaseCheck {
  private final DataSource dataSource;
  private final String changelog;

  public MigrationsHealthCheck(DataSource dataSource, String changelog) {
    this.dataSource = dataSource;
    this.changelog = changelog;
  }

  @Override
  @SuppressWarnings(
      "deprecation") // Liquibase's non-deprecated path needs its Scope/command API for one query.
  protected Result query() throws Exception {
    List<ChangeSet> pending =
        PooledConnections.borrow(
            dataSource,
            connection -> {
              Database database =
                  DatabaseFactory.getInstance()
                      .findCorrectDatabaseImplementation(new JdbcConnection(connection));
              return new Liquibase(changelog, new ClassLoaderResourceAccessor(), database)
                  .listUnrunChangeSets(null, null);
            });
    if (pending.isEmpty()) {
      return Result.healthy("all changeSets applied");
    }
    return Result.unhealthy(
        pending.size()
            + " pending changeSet(s), first "
            + pending.get(0).getId()
            + ": run `db migrate`");
  }
}
