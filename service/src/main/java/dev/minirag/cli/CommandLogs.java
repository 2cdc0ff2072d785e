package dev.minirag.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.minirag.app.MiniRagConfiguration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;

/**
 * A command's log: on stderr, so stdout carries only what the command prints; warnings and errors
 * only unless {@code LOG_LEVEL} asks for more, so stderr shows the progress and what went wrong,
 * not what was loaded.
 */
final class CommandLogs {
  private CommandLogs() {}

  static void toStderr(Bootstrap<MiniRagConfiguration> bootstrap, MiniRagConfiguration config) {
    if (config.getLoggingFactory() instanceof DefaultLoggingFactory logging) {
      for (AppenderFactory<ILoggingEvent> appender : logging.getAppenders()) {
        if (appender instanceof ConsoleAppenderFactory<ILoggingEvent> console) {
          console.setTarget(ConsoleAppenderFactory.ConsoleStream.STDERR);
        }
      }
      if (System.getenv("LOG_LEVEL") == null) {
        logging.setLevel("WARN");
      }
      logging.configure(bootstrap.getMetricRegistry(), bootstrap.getApplication().getName());
    }
  }
}
