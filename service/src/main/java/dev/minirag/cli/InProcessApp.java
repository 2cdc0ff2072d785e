package dev.minirag.cli;

import dev.minirag.app.AppContext;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The whole application wired exactly as {@code server} wires it (same {@link AppContext}, same
 * {@link Core}), for commands that drive it in-process. Either only the managed engines are started
 * (no ports: {@link #startEngines}) or the real Jetty server too ({@link #startServer}).
 */
public final class InProcessApp implements AutoCloseable {

  private final Environment env;
  private final AppContext context;
  private final List<LifeCycle> started = new ArrayList<>();
  private Server server;

  public InProcessApp(Bootstrap<MiniRagConfiguration> bootstrap, MiniRagConfiguration config)
      throws Exception {
    env =
        new Environment(
            bootstrap.getApplication().getName(),
            bootstrap.getObjectMapper(),
            bootstrap.getValidatorFactory(),
            bootstrap.getMetricRegistry(),
            bootstrap.getClassLoader(),
            bootstrap.getHealthCheckRegistry(),
            config);
    config.getMetricsFactory().configure(env.lifecycle(), bootstrap.getMetricRegistry());
    config.getServerFactory().configure(env);
    bootstrap.run(config, env);
    context = new AppContext(config, env, false);
    context.start();
    this.config = config;
  }

  private final MiniRagConfiguration config;

  public Core core() {
    return context.core();
  }

  /** Everything the application wired, as {@code server} wires it. */
  public AppContext context() {
    return context;
  }

  public Environment environment() {
    return env;
  }

  /** Starts the Lucene index and the embedding model: everything but HTTP and the job workers. */
  public InProcessApp startEngines() throws Exception {
    return startEngines(true);
  }

  /** As {@link #startEngines()}; without the index, Lucene stays closed (its lock stays free). */
  public InProcessApp startEngines(boolean withIndex) throws Exception {
    for (LifeCycle lc : env.lifecycle().getManagedObjects()) {
      if (!withIndex
          && lc instanceof io.dropwizard.lifecycle.JettyManaged m
          && m.getManaged() instanceof dev.minirag.search.LuceneIndex) {
        continue;
      }
      if (lc instanceof io.dropwizard.lifecycle.JettyManaged m
          && (m.getManaged() instanceof dev.minirag.jobs.JobWorkers
              || m.getManaged() instanceof dev.minirag.documents.ResyncScheduler)) {
        continue; // a command does its own work; the shared queue's jobs are for servers
      }
      lc.start();
      started.add(0, lc);
    }
    return this;
  }

  /** Starts the real server (its lifecycle starts the engines); returns the application port. */
  public int startServer() throws Exception {
    server = config.getServerFactory().build(env);
    server.start();
    return ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.stop();
      return;
    }
    Exception first = null;
    for (LifeCycle lc : started) {
      try {
        lc.stop();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
