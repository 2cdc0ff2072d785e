package dev.minirag.search;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.Histogram;
import java.util.List;

/**
 * Search and index families: {@code minirag_search_leg_duration_seconds{leg}} for each leg that ran
 * (bm25, embed, vector, fusion, load), {@code minirag_searches_total{mode,outcome}} where outcome
 * is {@code full} or {@code degraded} (answered by BM25 alone because the vector leg was
 * unavailable), and this node's index: {@code minirag_index_lag_changes} (database changes not yet
 * searchable here, read at scrape time) and {@code minirag_index_rebuilds_total}.
 */
public final class SearchMetrics {

  private final Histogram legs =
      Histogram.build()
          .name("minirag_search_leg_duration_seconds")
          .help("Time spent in each leg of a search, by leg")
          .labelNames("leg")
          .buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
          .create();

  private final Counter searches =
      Counter.build()
          .name("minirag_searches_total")
          .help(
              "Searches (including those behind answers), by the mode that answered and whether it was degraded")
          .labelNames("mode", "outcome")
          .create();

  /** Families that only count: for code paths built without a registry (tests, tools). */
  public static SearchMetrics unregistered() {
    return new SearchMetrics();
  }

  private SearchMetrics() {}

  public SearchMetrics(CollectorRegistry registry, LuceneIndex index) {
    registry.register(legs);
    registry.register(searches);
    registry.register(
        new Collector() {
          @Override
          public List<MetricFamilySamples> collect() {
            return List.of(
                new GaugeMetricFamily(
                    "minirag_index_lag_changes",
                    "Chunk changes committed in the database that this node's index does not show yet",
                    lag(index)),
                new CounterMetricFamily(
                    "minirag_index_rebuilds_total",
                    "Full rebuilds of this node's index since it started (startup and reindex)",
                    index.rebuilds()));
          }
        });
  }

  /** NaN while the database cannot be read: the scrape still answers, and health says why. */
  private static double lag(LuceneIndex index) {
    try {
      return index.lag();
    } catch (RuntimeException databaseUnavailable) {
      return Double.NaN;
    }
  }

  void record(SearchResult result) {
    SearchResult.Timings t = result.timings();
    boolean dense = result.mode() != SearchMode.BM25;
    if (result.mode() != SearchMode.DENSE) {
      legs.labels("bm25").observe(t.bm25Ms() / 1000);
    }
    if (dense) {
      legs.labels("embed").observe(t.embedMs() / 1000);
      legs.labels("vector").observe(t.vectorMs() / 1000);
    }
    if (result.mode() == SearchMode.HYBRID) {
      legs.labels("fusion").observe(t.fusionMs() / 1000);
    }
    legs.labels("load").observe(t.loadMs() / 1000);
    searches.labels(result.mode().wire(), result.degraded() == null ? "full" : "degraded").inc();
  }
}
