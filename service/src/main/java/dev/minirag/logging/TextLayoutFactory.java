package dev.minirag.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import java.util.TimeZone;

/**
 * {@code LOG_FORMAT=text} for application logs: Dropwizard's layout with the configured pattern.
 */
@JsonTypeName("minirag-text")
public class TextLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {

  @JsonProperty private String pattern = "%-5p [%d{ISO8601,UTC}] [%X{requestId:-}] %c{1}: %m%n%rEx";

  @Override
  public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
    DropwizardLayout layout = new DropwizardLayout(context, timeZone);
    layout.setPattern(pattern);
    return layout;
  }
}
