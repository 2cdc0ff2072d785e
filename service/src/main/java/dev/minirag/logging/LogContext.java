package dev.minirag.logging;

import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.MDC;

/**
 * The ids a log line carries about its request: the request id (set first, by the request-id
 * filter), then the caller's user, workspace and API key once authentication knows them. They go to
 * the logging MDC (application logs) and to request attributes (access logs, written after the
 * request's thread has moved on).
 */
public final class LogContext {
  public static final String REQUEST = "requestId";
  public static final String USER = "userId";
  public static final String WORKSPACE = "workspaceId";
  public static final String API_KEY = "apiKeyId";
  static final List<String> KEYS = List.of(REQUEST, USER, WORKSPACE, API_KEY);

  private LogContext() {}

  /** Records the caller's ids; {@code attributes} stores them on the request for the access log. */
  public static void caller(
      UUID userId, UUID workspaceId, UUID apiKeyId, BiConsumer<String, Object> attributes) {
    put(USER, userId, attributes);
    put(WORKSPACE, workspaceId, attributes);
    put(API_KEY, apiKeyId, attributes);
  }

  /** Forgets everything this class put in the MDC (the request's thread goes back to the pool). */
  public static void clear() {
    for (String key : KEYS) {
      MDC.remove(key);
    }
    TraceContext.clear();
  }

  private static void put(String key, UUID value, BiConsumer<String, Object> attributes) {
    if (value != null) {
      MDC.put(key, value.toString());
      attributes.accept(key, value.toString());
    }
  }
}
