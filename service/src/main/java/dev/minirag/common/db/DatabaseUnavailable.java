package dev.minirag.common.db;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.tomcat.jdbc.pool.PoolExhaustedException;

/**
 * Tells a failure because PostgreSQL cannot be reached (stopped, restarting, the network between)
 * from any other database error: somewhere in its causes is a {@link SQLException} whose SQLState
 * is a connection exception (class 08), an operator's or a crash's shutdown of the server (57P01,
 * 57P02, 57P03: "the database system is starting up / shutting down") or too many connections
 * (53300); or the pool had no connection to lend within its wait (every one busy, or none could be
 * opened). Such a failure passes once the server is back or less busy; callers answer 503 and
 * retry.
 */
public final class DatabaseUnavailable {
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

  /** What a caller may read: public, generic, nothing about hosts or drivers. */
  public static final String MESSAGE = "The database is unavailable; retry shortly";

  /** Seconds a client should wait before retrying. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private DatabaseUnavailable() {}

  public static boolean causes(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
      if (t instanceof PoolExhaustedException
          || t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static boolean isConnectionState(String state) {
    return state != null && (state.startsWith("08") || STATES.contains(state));
  }

  /** One line for a log: the innermost message, without the stack trace a bug would deserve. */
  public static String describe(Throwable failure) {
    Throwable root = failure;
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    while (root.getCause() != null && seen.put(root, true) == null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
