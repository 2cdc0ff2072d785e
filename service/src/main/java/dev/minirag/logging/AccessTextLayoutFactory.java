package dev.minirag.logging;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.request.logging.layout.LogbackAccessRequestLayout;
import java.util.TimeZone;

/**
 * {@code LOG_FORMAT=text} for access logs: Dropwizard's access layout with the configured pattern.
 */
@JsonTypeName("minirag-access-text")
public class AccessTextLayoutFactory implements DiscoverableLayoutFactory<IAccessEvent> {

  @JsonProperty private String pattern = "%h \"%r\" %s %b %D ms rid=%reqAttribute{requestId}";

  @Override
  public LayoutBase<IAccessEvent> build(LoggerContext context, TimeZone timeZone) {
    LogbackAccessRequestLayout layout = new LogbackAccessRequestLayout(context, timeZone);
    layout.setPattern(pattern);
    return layout;
  }
}
