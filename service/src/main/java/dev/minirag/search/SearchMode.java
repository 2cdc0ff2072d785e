package dev.minirag.search;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.minirag.common.WireName;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which legs a search runs: BM25 only, vectors only, or both fused. Sent and configured as the
 * lower-case {@link #wire()} name.
 */
public enum SearchMode implements WireName {
  BM25,
  DENSE,
  HYBRID;

  /** Every wire name, in declaration order: the allowed values an error message lists. */
  public static final List<String> WIRE_NAMES =
      Arrays.stream(values()).map(SearchMode::wire).toList();

  @JsonValue
  @Override
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant named {@code wire}; empty for any other string. */
  public static Optional<SearchMode> fromWire(String wire) {
    return WireName.fromWire(SearchMode.class, wire);
  }
}
