package dev.minirag.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.minirag.app.AppContext;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.common.CommandErrors;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * An operator command that runs the product's own services without the HTTP server: the application
 * is wired as for `server`, its managed engines are started, the command runs, and the engines stop
 * in reverse order.
 */
abstract class ServiceCommand extends ConfiguredCommand<MiniRagConfiguration> {
  private InProcessApp app;

  ServiceCommand(String name, String description) {
    super(name, description);
  }

  /**
   * Log lines (model loading, warnings) go to stderr: stdout carries only what the command prints.
   */
  @Override
  protected void run(
      Bootstrap<MiniRagConfiguration> bootstrap,
      Namespace namespace,
      MiniRagConfiguration configuration)
      throws Exception {
    if (configuration.getLoggingFactory() instanceof DefaultLoggingFactory logging) {
      for (AppenderFactory<ILoggingEvent> appender : logging.getAppenders()) {
        if (appender instanceof ConsoleAppenderFactory<ILoggingEvent> console) {
          console.setTarget(ConsoleAppenderFactory.ConsoleStream.STDERR);
        }
      }
      logging.configure(bootstrap.getMetricRegistry(), bootstrap.getApplication().getName());
    }
    // The running server's index catches up from the change log; a command that does not need the
    // index leaves it closed, so its lock stays free.
    try (InProcessApp started =
        new InProcessApp(bootstrap, configuration).startEngines(usesIndex())) {
      app = started;
      run(started.core(), namespace, configuration);
    }
  }

  abstract void run(Core core, Namespace namespace, MiniRagConfiguration configuration)
      throws Exception;

  /** Everything {@code run} wired, for commands that need more than the retrieval core. */
  final AppContext context() {
    return app.context();
  }

  /**
   * Whether the command needs this node's Lucene index open. A command that only writes through
   * PostgreSQL says no, so it can run beside a server (or on another machine) that holds the index.
   */
  boolean usesIndex() {
    return true;
  }

  /** Operator mistakes print one line on stderr, not a stack trace (see {@link CommandErrors}). */
  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    CommandErrors.report(cli.getStdErr(), e, () -> super.onError(cli, namespace, e));
  }
}
