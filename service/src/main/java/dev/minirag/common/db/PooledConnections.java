package dev.minirag.common.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Lends a pooled connection to code that changes its session state (Liquibase turns autocommit off
 * and leaves a transaction open) and puts it back as it was. A connection returned in a transaction
 * would make every later JDBI transaction on it look nested, so none of them would ever commit.
 */
public final class PooledConnections {

  public interface Work<T> {
    T run(Connection connection) throws Exception;
  }

  private PooledConnections() {}

  public static <T> T borrow(DataSource dataSource, Work<T> work) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      try {
        return work.run(connection);
      } finally {
        restore(connection, autoCommit);
      }
    }
  }

  private static void restore(Connection connection, boolean autoCommit) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.rollback();
    }
    connection.setAutoCommit(autoCommit);
  }
}
