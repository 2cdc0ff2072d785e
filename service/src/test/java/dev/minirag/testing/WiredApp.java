package dev.minirag.testing;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.AppContext;
import dev.minirag.app.MiniRagConfiguration;
import io.dropwizard.core.setup.Environment;

/**
 * The application exactly as the server wires it, keeping what it wired: for the few tests that
 * drive a service in-process (as the operator commands do) beside the HTTP API.
 */
public class WiredApp extends MiniRagApplication {
  private AppContext context;

  @Override
  public void run(MiniRagConfiguration configuration, Environment environment) throws Exception {
    context = new AppContext(configuration, environment, true);
    context.start();
  }

  public AppContext context() {
    return context;
  }
}
