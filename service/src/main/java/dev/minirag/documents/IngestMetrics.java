package dev.minirag.documents;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;

/**
 * {@code minirag_ingest_items_total{kind,outcome}}: every item an ingest route answered for (url,
 * file, text, youtube; accepted, duplicate or failed), the legacy aliases included.
 */
public final class IngestMetrics {

  private final Counter items =
      Counter.build()
          .name("minirag_ingest_items_total")
          .help("Items sent to the ingest routes, by kind and outcome")
          .labelNames("kind", "outcome")
          .create();

  public IngestMetrics(CollectorRegistry registry) {
    registry.register(items);
  }

  void record(SourceKind kind, ItemResult item) {
    items.labels(kind.wire(), item.status().wire()).inc();
  }
}
