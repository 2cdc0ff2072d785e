package dev.minirag.cli;

import dev.minirag.app.AppContext;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.common.CommandErrors;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
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

  @Override
  protected void run(
      Bootstrap<MiniRagConfiguration> bootstrap,
      Namespace namespace,
      MiniRagConfiguration configuration)
      throws Exception {
    CommandLogs.toStderr(bootstrap, configuration);
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
