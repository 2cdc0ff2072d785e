package dev.minirag.documents;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.minirag.common.WireName;
import java.util.Locale;

/**
 * What became of one item sent to an ingest route: stored, already stored (same content), or not
 * stored. Sent, and counted in {@code minirag_ingest_items_total}, as its lower-case {@link
 * #wire()} name.
 */
public enum IngestOutcome implements WireName {
  ACCEPTED,
  DUPLICATE,
  FAILED;

  @JsonValue
  @Override
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
