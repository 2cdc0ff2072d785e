package dev.minirag.metrics;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.List;
import java.util.Map;

/**
 * {@code minirag_health_check_ok{check}}: 1 when the named health check (database, pgvector,
 * migrations, sign-in providers…) passes, 0 when it fails, run at scrape time so alerts see what
 * {@code /api/v1/health} would answer.
 */
public final class HealthCheckMetrics extends Collector {

  private final HealthCheckRegistry checks;

  public HealthCheckMetrics(HealthCheckRegistry checks) {
    this.checks = checks;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    GaugeMetricFamily ok =
        new GaugeMetricFamily("minirag_health_check_ok", "1 when the health check passes, 0 when it fails", List.of("check"));
    for (Map.Entry<String, HealthCheck.Result> e : checks.runHealthChecks().entrySet()) {
      ok.addMetric(List.of(e.getKey()), e.getValue().isHealthy() ? 1 : 0);
    }
    return List.of(ok);
  }
}
