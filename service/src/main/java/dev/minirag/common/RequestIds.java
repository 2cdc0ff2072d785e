package dev.minirag.common;

import dev.minirag.logging.LogContext;
import org.slf4j.MDC;

/**
 * The request id of the current thread's request, as put in the log MDC by {@link RequestIdFilter}.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = LogContext.REQUEST;

  private RequestIds() {}

  public static String current() {
    return MDC.get(MDC_KEY);
  }
}
