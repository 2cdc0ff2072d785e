package dev.minirag.logging;

import ch.qos.logback.access.jetty.RequestLogImpl;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Keeps logback-access from printing its own status lines (a version-mismatch warning between the
 * Dropwizard and logback artifacts, and everything else it noticed) on stdout at every start: they
 * are in neither log format, and would break a JSON log stream.
 */
public final class QuietRequestLog implements LifeCycle.Listener {

  @Override
  public void lifeCycleStarting(LifeCycle event) {
    if (event instanceof Server server && server.getRequestLog() instanceof RequestLogImpl log) {
      log.setQuiet(true);
    }
  }
}
