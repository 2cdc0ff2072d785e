package dev.minirag.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.AppContext;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.common.CommandErrors;
import dev.minirag.documents.ResyncScheduler;
import dev.minirag.jobs.JobWorkers;
import dev.minirag.search.LuceneIndex;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.EnvironmentCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.JettyManaged;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * An operator command that runs the product's own services without the HTTP server: the application
 * is wired as for `server`, its managed engines are started, the command runs, and the engines stop
 * in reverse order.
 */
abstract class ServiceCommand extends EnvironmentCommand<MiniRagConfiguration> {
  private final MiniRagApplication app;

  ServiceCommand(MiniRagApplication app, String name, String description) {
    super(app, name, description);
    this.app = app;
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
    super.run(bootstrap, namespace, configuration);
  }

  @Override
  protected final void run(
      Environment environment, Namespace namespace, MiniRagConfiguration configuration)
      throws Exception {
    List<LifeCycle> started = new ArrayList<>();
    try {
      for (LifeCycle managed : environment.lifecycle().getManagedObjects()) {
        if (!usesIndex()
            && managed instanceof JettyManaged m
            && m.getManaged() instanceof LuceneIndex) {
          continue; // the running server's index catches up from the change log; its lock stays
          // free
        }
        if (managed instanceof JettyManaged m
            && (m.getManaged() instanceof JobWorkers
                || m.getManaged() instanceof ResyncScheduler)) {
          continue; // a command does its own work; the shared queue's jobs are for servers
        }
        managed.start();
        started.add(0, managed);
      }
      run(app.context().core(), namespace, configuration);
    } finally {
      for (LifeCycle managed : started) {
        managed.stop();
      }
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
