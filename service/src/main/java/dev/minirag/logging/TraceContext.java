package dev.minirag.logging;

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
 */
public final class TraceContext {
  public static final String TRACE_ID = "traceId";
  static final String SPAN_ID = "spanId";
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

  /** Headers for an outbound call made on the current request's behalf; none outside a request. */
  public static Map<String, String> outboundHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    String requestId = MDC.get(LogContext.REQUEST);
    String traceId = MDC.get(TRACE_ID);
    if (requestId != null) {
      headers.put("X-Request-Id", requestId);
    }
    if (traceId != null) {
      headers.put("traceparent", "00-" + traceId + "-" + MDC.get(SPAN_ID) + "-01");
    }
    return headers;
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
