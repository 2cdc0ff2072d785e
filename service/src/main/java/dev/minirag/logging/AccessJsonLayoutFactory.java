package dev.minirag.logging;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;

/**
 * {@code LOG_FORMAT=json} for access logs: one object per request with the path but not the query
 * string (sign-in callbacks carry one-time codes there), status, bytes, duration and the ids the
 * request was served for.
 */
@JsonTypeName("minirag-access-json")
public class AccessJsonLayoutFactory implements DiscoverableLayoutFactory<IAccessEvent> {

  @JsonProperty private String pattern;

  @Override
  public LayoutBase<IAccessEvent> build(LoggerContext context, TimeZone timeZone) {
    return JsonLines.layout(context, AccessJsonLayoutFactory::fields);
  }

  private static Map<String, Object> fields(IAccessEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    line.put("remoteAddress", event.getRemoteAddr());
    line.put("method", event.getMethod());
    line.put("path", event.getRequestURI());
    line.put("protocol", event.getProtocol());
    line.put("status", event.getStatusCode());
    line.put("bytes", event.getContentLength());
    line.put("durationMs", event.getElapsedTime());
    for (String key : LogContext.KEYS) {
      String value = event.getAttribute(key);
      if (value != null && !value.equals(IAccessEvent.NA)) {
        line.put(key, value);
      }
    }
    return line;
  }
}
