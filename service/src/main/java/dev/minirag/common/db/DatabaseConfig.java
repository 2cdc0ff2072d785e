package dev.minirag.common.db;

import io.dropwizard.db.DataSourceFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code database:} in config.yml: Dropwizard's pool factory with the service's own defaults, so a
 * configuration file that leaves a setting out gets the value config.yml documents rather than
 * Dropwizard's (a pool of 100, no rollback on return).
 */
public class DatabaseConfig extends DataSourceFactory {

  public DatabaseConfig() {
    setDriverClass("org.postgresql.Driver");
    setUrl("jdbc:postgresql://127.0.0.1:5432/minirag");
    setUser("minirag");
    setPassword("minirag");
    setMaxSize(16);
    setMinSize(2);
    setValidationQuery("/* mini-rag health */ SELECT 1");
    // Checked before lending (unless checked within the last 100 ms; a restart takes longer): after
    // PostgreSQL restarts no request gets a connection that died with the old server.
    setCheckConnectionOnBorrow(true);
    setValidationInterval(io.dropwizard.util.Duration.milliseconds(100));
    // A connection returned inside a transaction is rolled back and reset to autocommit, so one
    // leaked transaction can never make later commits on that connection silently disappear.
    setAutoCommitByDefault(true);
    setRollbackOnReturn(true);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("ApplicationName", "mini-rag");
    setProperties(properties);
  }
}
