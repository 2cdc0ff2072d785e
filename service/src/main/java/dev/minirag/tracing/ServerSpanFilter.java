package dev.minirag.tracing;

import dev.minirag.logging.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * The server span of an API request, from the request-id filter to the last byte of the response.
 * It continues the caller's {@code traceparent} when valid; its name is the method until the
 * matched route renames it ({@link RouteSpanFilter}). Its ids replace the request's on log lines,
 * so a line and the exported span share them. Runs after the request-id filter.
 */
public final class ServerSpanFilter implements Filter {

  private static final TextMapGetter<HttpServletRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
          return Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest request, String key) {
          return request == null ? null : request.getHeader(key);
        }
      };

  private final Tracing tracing;

  public ServerSpanFilter(Tracing tracing) {
    this.tracing = tracing;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!tracing.isOn()) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletRequest request = (HttpServletRequest) req;
    Context caller =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
    Span span =
        tracing
            .tracer()
            .spanBuilder(request.getMethod())
            .setParent(caller)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", request.getMethod())
            // the path without its query string: sign-in callbacks carry one-time codes there
            .setAttribute("url.path", request.getRequestURI())
            .setAttribute("url.scheme", request.getScheme())
            .startSpan();
    Tracing.tagWithRequest(span);
    SpanContext ids = span.getSpanContext();
    try (Scope ignored = span.makeCurrent();
        TraceContext.Restore logIds = TraceContext.use(ids.getTraceId(), ids.getSpanId())) {
      chain.doFilter(req, res);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      int status = ((HttpServletResponse) res).getStatus();
      span.setAttribute("http.response.status_code", status);
      if (status >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }
  }
}
