package dev.minirag.common;

import dev.minirag.logging.LogContext;
import dev.minirag.logging.TraceContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** Accepts a caller's X-Request-Id (when it is sane) or makes one; echoes it and logs with it. */
public class RequestIdFilter implements Filter {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    String given = ((HttpServletRequest) req).getHeader(RequestIds.HEADER);
    // An id that could forge log lines or blow up headers is replaced, not trusted.
    String id =
        given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    MDC.put(RequestIds.MDC_KEY, id);
    TraceContext.begin(((HttpServletRequest) req).getHeader("traceparent"));
    req.setAttribute(RequestIds.MDC_KEY, id);
    ((HttpServletResponse) res).setHeader(RequestIds.HEADER, id);
    try {
      chain.doFilter(req, res);
    } finally {
      LogContext.clear();
    }
  }
}
