package dev.minirag.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a hybrid search merges its two ranked legs. Sent and configured as the lower-case {@link
 * #wire()} name.
 */
public enum FusionMethod {
  CONVEX,
  RRF;

  /** Every wire name, in declaration order: the allowed values an error message lists. */
  public static final List<String> WIRE_NAMES =
      Arrays.stream(values()).map(FusionMethod::wire).toList();

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
