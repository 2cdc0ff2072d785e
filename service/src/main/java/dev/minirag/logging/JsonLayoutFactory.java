package dev.minirag.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;

/**
 * {@code LOG_FORMAT=json} for application logs: one JSON object per line with time, level, logger,
 * thread, message, the request's context (request, user, workspace and API key ids) and the stack
 * trace. The {@code pattern} setting is accepted and ignored, so one config serves both formats.
 */
@JsonTypeName("minirag-json")
public class JsonLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {

  @JsonProperty private String pattern;

  @Override
  public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
    return JsonLines.layout(context, JsonLayoutFactory::fields);
  }

  private static Map<String, Object> fields(ILoggingEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    line.put("level", event.getLevel().toString());
    line.put("logger", event.getLoggerName());
    line.put("thread", event.getThreadName());
    line.put("message", event.getFormattedMessage());
    line.putAll(event.getMDCPropertyMap());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.put("exception", ThrowableProxyUtil.asString(thrown));
    }
    return line;
  }
}
