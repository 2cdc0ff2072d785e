package dev.minirag.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The W3C trace context of the current request, so a call this service makes on a request's behalf
 * (a fetched page, the embedding endpoint, the chat model) can be tied to it in the other side's
 * logs: it carries our {@code X-Request-Id} and a {@code traceparent} continuing the caller's trace
 * when the request brought a valid one, or starting a new one.
 *
 * <p>With OpenTelemetry tracing on, the ids are those of the exported spans: the tracing package
 * puts the current span's ids here ({@link #use}) and outbound headers name the current span.
 */
public final class TraceContext {
  public static final String TRACE_ID = "traceId";
  public static final String SPAN_ID = "spanId";
  private static final Pattern TRACEPARENT =
      Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})");
  private static final String INVALID_TRACE = "0".repeat(32);
  private static final SecureRandom RANDOM = new SecureRandom();

  private TraceContext() {}

  /** Starts this request's span, continuing {@code traceparent} when it is a valid W3C header. */
  public static void begin(String traceparent) {
    String traceId = null;
    if (traceparent != null) {
      var m = TRACEPARENT.matcher(traceparent.strip());
      if (m.matches() && !m.group(1).equals(INVALID_TRACE)) {
        traceId = m.group(1);
      }
    }
    MDC.put(TRACE_ID, traceId != null ? traceId : hex(16));
    MDC.put(SPAN_ID, hex(8));
  }

  /**
   * Headers for an outbound call made on the current request's behalf; none outside a request. A
   * recorded span current on this thread (tracing on) is the parent the other side sees, with its
   * sampling decision and trace state; otherwise the request's ids from the log context.
   */
  public static Map<String, String> outboundHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    String requestId = MDC.get(LogContext.REQUEST);
    String traceId = MDC.get(TRACE_ID);
    if (requestId != null) {
      headers.put("X-Request-Id", requestId);
    }
    if (Span.current().getSpanContext().isValid()) {
      W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
    } else if (traceId != null) {
      headers.put("traceparent", "00-" + traceId + "-" + MDC.get(SPAN_ID) + "-01");
    }
    return headers;
  }

  /** Puts back the ids a thread's log lines carried before {@link #use}. */
  public interface Restore extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Makes this thread's log lines carry a span's ids (an exported span's, so a log line leads to
   * its span) until the returned handle is closed, which puts back the ids that were there.
   */
  public static Restore use(String traceId, String spanId) {
    String oldTrace = MDC.get(TRACE_ID);
    String oldSpan = MDC.get(SPAN_ID);
    MDC.put(TRACE_ID, traceId);
    MDC.put(SPAN_ID, spanId);
    return () -> {
      restore(TRACE_ID, oldTrace);
      restore(SPAN_ID, oldSpan);
    };
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  public static void addTo(BiConsumer<String, String> header) {
    outboundHeaders().forEach(header);
  }

  static void clear() {
    MDC.remove(TRACE_ID);
    MDC.remove(SPAN_ID);
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
