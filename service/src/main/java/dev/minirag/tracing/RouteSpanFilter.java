package dev.minirag.tracing;

import dev.minirag.common.RouteTemplates;
import dev.minirag.logging.LogContext;
import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import org.slf4j.MDC;

/**
 * Names the server span after the matched route template ({@code POST /api/v1/ask}), never the raw
 * path, and adds the caller's workspace once authentication has found it. Requests no resource
 * matched keep the method alone as their name.
 */
public final class RouteSpanFilter implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Span span = Span.current();
    if (!span.isRecording()) {
      return;
    }
    String route = RouteTemplates.of(request);
    if (route != null) {
      span.updateName(request.getMethod() + " " + route);
      span.setAttribute("http.route", route);
    }
    String workspaceId = MDC.get(LogContext.WORKSPACE);
    if (workspaceId != null) {
      span.setAttribute(Tracing.WORKSPACE_ID, workspaceId);
    }
  }
}
