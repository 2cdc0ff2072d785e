package dev.minirag.quota;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code minirag_quota_rejections_total{limit}} and {@code minirag_quota_workspaces{limit,level}}:
 * how many workspaces are at or above 80 % and 100 % of each limit. Labels are the six limit names
 * and two levels, never a workspace id, so the series count stays fixed however many tenants there
 * are; the per-workspace figures are in {@code GET /api/v1/admin/usage}.
 */
public class QuotaMetrics {
  private static final long GAUGE_CACHE_MILLIS = 30_000;

  /** Workspaces at or above each level, per limit. */
  public record Levels(Map<LimitName, long[]> counts) {}

  private final Counter rejections =
      Counter.build()
          .name("minirag_quota_rejections_total")
          .help("Requests refused by a quota or rate limit, by limit")
          .labelNames("limit")
          .create();

  private volatile Supplier<Levels> levels = () -> new Levels(new EnumMap<>(LimitName.class));
  private volatile Levels cached;
  private volatile long cachedAt;

  public QuotaMetrics(CollectorRegistry registry) {
    for (LimitName n : LimitName.values()) {
      rejections.labels(n.wire()); // every series exists from the start, at 0
    }
    registry.register(rejections);
    registry.register(
        new Collector() {
          @Override
          public List<MetricFamilySamples> collect() {
            return List.of(gauge());
          }
        });
  }

  /** Where the gauge reads its counts (set once the service that computes them exists). */
  public void levelsFrom(Supplier<Levels> source) {
    this.levels = source;
  }

  void rejected(LimitName limit) {
    rejections.labels(limit.wire()).inc();
  }

  private GaugeMetricFamily gauge() {
    long now = System.currentTimeMillis();
    if (cached == null || now - cachedAt > GAUGE_CACHE_MILLIS) {
      cached = levels.get();
      cachedAt = now;
    }
    GaugeMetricFamily g =
        new GaugeMetricFamily(
            "minirag_quota_workspaces",
            "Workspaces whose usage is at or above a share of a limit (level 80 or 100 percent)",
            List.of("limit", "level"));
    for (LimitName n : LimitName.values()) {
      long[] c = cached.counts().getOrDefault(n, new long[2]);
      g.addMetric(List.of(n.wire(), "80"), c[0]);
      g.addMetric(List.of(n.wire(), "100"), c[1]);
    }
    return g;
  }
}
