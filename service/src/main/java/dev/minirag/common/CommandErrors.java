package dev.minirag.common;

import io.dropwizard.configuration.ConfigurationException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
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
    if (e instanceof ApiException api) {
      err.println(
          "error: " + api.getMessage() + (api.details() == null ? "" : " " + api.details()));
    } else if (isUsageMistake(e)
        || e instanceof IllegalStateException
        || e instanceof ConfigurationException) {
      err.println("error: " + e.getMessage());
    } else {
      unexpected.run();
    }
    err.flush();
  }
}
