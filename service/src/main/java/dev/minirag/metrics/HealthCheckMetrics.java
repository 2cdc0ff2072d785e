package dev.minirag.metrics;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code minirag_health_check_ok{check}}: 1 when the named health check (database, pgvector,
 * migrations, sign-in providers…) passes, 0 when it fails, as {@code /api/v1/health} would answer.
 * The checks (the migrations one parses the whole changelog) run at most once per {@link #MAX_AGE}
 * however often and by however many Prometheus servers the node is scraped.
 */
public final class HealthCheckMetrics extends Collector {

  static final Duration MAX_AGE = Duration.ofSeconds(10);

  private final HealthCheckRegistry checks;
  private volatile Map<String, HealthCheck.Result> last = Map.of();
  private volatile long lastRunNanos;

  public HealthCheckMetrics(HealthCheckRegistry checks) {
    this.checks = checks;
  }

  @Override
  public List<MetricFamilySamples> collect() {
    GaugeMetricFamily ok =
        new GaugeMetricFamily(
            "minirag_health_check_ok",
            "1 when the health check passes, 0 when it fails",
            List.of("check"));
    for (Map.Entry<String, HealthCheck.Result> e : results().entrySet()) {
      ok.addMetric(List.of(e.getKey()), e.getValue().isHealthy() ? 1 : 0);
    }
    return List.of(ok);
  }

  private synchronized Map<String, HealthCheck.Result> results() {
    long now = System.nanoTime();
    if (last.isEmpty() || now - lastRunNanos >= MAX_AGE.toNanos()) {
      last = checks.runHealthChecks();
      lastRunNanos = now;
    }
    return last;
  }
}
