package dev.minirag.jobs;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Queue depth (read from PostgreSQL at most every 5 s), job run time and outcomes on this node. */
public class JobMetrics {
  private static final long DEPTH_CACHE_NANOS = 5_000_000_000L;

  private final Histogram duration;
  private final Counter outcomes;

  public JobMetrics(CollectorRegistry registry, Supplier<Map<String, Long>> queuedByKind) {
    duration =
        Histogram.build()
            .name("minirag_job_duration_seconds")
            .help("Time of one job attempt on this node, by kind and outcome")
            .labelNames("kind", "outcome")
            .buckets(0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600)
            .register(registry);
    outcomes =
        Counter.build()
            .name("minirag_job_attempts_total")
            .help("Job attempts finished on this node, by kind and outcome")
            .labelNames("kind", "outcome")
            .register(registry);
    new QueueDepth(queuedByKind).register(registry);
  }

  /**
   * {@code outcome}: succeeded, failed, retried, canceled or lost (another node took the job over).
   */
  void attempt(JobKind kind, String outcome, double seconds) {
    duration.labels(kind.wire(), outcome).observe(seconds);
    outcomes.labels(kind.wire(), outcome).inc();
  }

  /** Every kind is exported, zero included, so a dashboard sees the series before the first job. */
  private static final class QueueDepth extends Collector {
    private final Supplier<Map<String, Long>> source;
    private Map<String, Long> cached = Map.of();
    private long readAt;

    QueueDepth(Supplier<Map<String, Long>> source) {
      this.source = source;
    }

    @Override
    public synchronized List<MetricFamilySamples> collect() {
      if (readAt == 0 || System.nanoTime() - readAt > DEPTH_CACHE_NANOS) {
        cached = source.get();
        readAt = System.nanoTime();
      }
      GaugeMetricFamily depth =
          new GaugeMetricFamily(
              "minirag_jobs_queued",
              "Jobs waiting in the shared queue (all nodes, all workspaces), by kind",
              List.of("kind"));
      Arrays.stream(JobKind.values())
          .forEach(k -> depth.addMetric(List.of(k.wire()), cached.getOrDefault(k.wire(), 0L)));
      return List.of(depth);
    }
  }
}
