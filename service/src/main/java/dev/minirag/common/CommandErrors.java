package dev.minirag.common;

import io.dropwizard.configuration.ConfigurationException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import net.sourceforge.argparse4j.inf.ArgumentParserException;

/**
 * How the operator commands report a failure: what an operator can act on (a wrong argument, a
 * configuration path that is not a file, a refused request, inputs that failed) as one line on
 * stderr, a stack trace only for the unexpected. Usage mistakes exit with status 2, other failures
 * 1.
 */
public final class CommandErrors {
  private CommandErrors() {}

  public static boolean isUsageMistake(Throwable e) {
    return e instanceof IllegalArgumentException
        || e instanceof FileNotFoundException
        || e instanceof NoSuchFileException
        || e instanceof ArgumentParserException
        || (e instanceof ApiException api && api.status() == 400);
  }

  /**
   * Prints {@code e} in one line when an operator can act on it; otherwise runs {@code unexpected}.
   */
  public static void report(PrintWriter err, Throwable e, Runnable unexpected) {
    String database = databaseProblem(e);
    if (e instanceof ApiException api) {
      err.println(
          "error: " + api.getMessage() + (api.details() == null ? "" : " " + api.details()));
    } else if (database != null) {
      err.println("error: " + database);
    } else if (isUsageMistake(e)
        || e instanceof IllegalStateException
        || e instanceof ConfigurationException) {
      err.println("error: " + e.getMessage());
    } else {
      unexpected.run();
    }
    err.flush();
  }

  /**
   * What an operator should do about a database that is not there yet or not migrated, or null when
   * {@code e} is something else. PostgreSQL's SQLSTATE says which: 42P01 (no such table), 08xxx (no
   * connection), 3D000 (no such database), 28xxx (authentication).
   */
  static String databaseProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.equals("42P01")) {
          return "the database is not migrated: run `db migrate config.yml` first ("
              + sql.getMessage().lines().findFirst().orElse("")
              + ")";
        }
        if (state.startsWith("08") || state.equals("3D000") || state.startsWith("28")) {
          return "cannot use the database (DATABASE_URL, DATABASE_USER): "
              + sql.getMessage().lines().findFirst().orElse("");
        }
      }
    }
    return null;
  }
}
