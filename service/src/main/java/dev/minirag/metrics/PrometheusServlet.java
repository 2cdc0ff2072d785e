package dev.minirag.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;
import io.prometheus.client.hotspot.DefaultExports;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;

/** Dropwizard metrics and JVM metrics in the Prometheus text exposition format. */
public class PrometheusServlet extends HttpServlet {

  private final transient CollectorRegistry registry;

  /** {@code registry} may already hold the service's own collectors (e.g. quota metrics). */
  public PrometheusServlet(MetricRegistry metrics, CollectorRegistry registry) {
    this.registry = registry;
    registry.register(new DropwizardExports(metrics, new SnakeCaseSampleBuilder()));
    DefaultExports.register(registry);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setStatus(200);
    resp.setContentType(TextFormat.CONTENT_TYPE_004);
    try (Writer writer = resp.getWriter()) {
      TextFormat.write004(writer, registry.metricFamilySamples());
    }
  }
}
