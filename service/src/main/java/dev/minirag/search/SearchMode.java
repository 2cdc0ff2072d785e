package dev.minirag.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which legs a search runs: BM25 only, vectors only, or both fused. Sent and configured as the
 * lower-case {@link #wire()} name.
 */
public enum SearchMode {
  BM25,
  DENSE,
  HYBRID;

  /** Every wire name, in declaration order: the allowed values an error message lists. */
  public static final List<String> WIRE_NAMES =
      Arrays.stream(values()).map(SearchMode::wire).toList();

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
