package dev.minirag.metrics;

import dev.minirag.common.RouteTemplates;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Histogram;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * {@code minirag_http_request_duration_seconds{route,method,status}} for every API request, from
 * before authentication to the response headers. The route is the matched template ({@code
 * /api/v1/sources/{sourceId}}), never the raw path, so ids cannot multiply the series; requests no
 * resource matched share the route {@code unmatched}. A streamed answer is timed to its first byte,
 * not its end.
 */
@PreMatching
@Priority(1)
public final class HttpMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String STARTED = HttpMetricsFilter.class.getName() + ".started";

  private final Histogram duration =
      Histogram.build()
          .name("minirag_http_request_duration_seconds")
          .help(
              "API request duration to the response headers, by route template, method and status")
          .labelNames("route", "method", "status")
          .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
          .create();

  public HttpMetricsFilter(CollectorRegistry registry) {
    registry.register(duration);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(STARTED) instanceof Long started)) {
      return;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    duration
        .labels(route(request), request.getMethod(), Integer.toString(response.getStatus()))
        .observe(seconds);
  }

  private static String route(ContainerRequestContext request) {
    String route = RouteTemplates.of(request);
    return route == null ? "unmatched" : route;
  }
}
