package dev.minirag.client.model;

import java.util.List;

/** The answer of every ingest endpoint: one item per input, in input order. */
public record IngestResult(List<IngestItem> items) {

  /** The only item of a single-input request (text, YouTube). */
  public IngestItem item() {
    return items.get(0);
  }
}
