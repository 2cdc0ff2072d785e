package dev.minirag.quota;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Lends pooled connections to bucket4j and puts them back as they were. bucket4j turns autocommit
 * off for its SELECT … FOR UPDATE and never turns it back on; a pooled connection returned that way
 * makes every later JDBI transaction on it look nested, so none of them commits (stored sources
 * vanished in a test before this wrapper existed).
 */
final class RestoringDataSource {
  private RestoringDataSource() {}

  static DataSource wrap(DataSource pool) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          Object result = invoke(pool, method, args);
          return method.getName().equals("getConnection")
              ? restoringOnClose((Connection) result)
              : result;
        };
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, handler);
  }

  private static Connection restoringOnClose(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("close") && !connection.isClosed()) {
            try {
              if (connection.getAutoCommit() != autoCommit) {
                if (!connection.getAutoCommit()) {
                  connection
                      .rollback(); // nothing of bucket4j's is left uncommitted; this only ends the
                  // transaction
                }
                connection.setAutoCommit(autoCommit);
              }
            } finally {
              connection.close();
            }
            return null;
          }
          return invoke(connection, method, args);
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
