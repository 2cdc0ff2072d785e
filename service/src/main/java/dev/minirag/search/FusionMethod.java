package dev.minirag.search;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.minirag.common.WireName;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a hybrid search merges its two ranked legs. Sent and configured as the lower-case {@link
 * #wire()} name.
 */
public enum FusionMethod implements WireName {
  CONVEX,
  RRF;

  /** Every wire name, in declaration order: the allowed values an error message lists. */
  public static final List<String> WIRE_NAMES =
      Arrays.stream(values()).map(FusionMethod::wire).toList();

  @JsonValue
  @Override
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant named {@code wire}; empty for any other string. */
  public static Optional<FusionMethod> fromWire(String wire) {
    return WireName.fromWire(FusionMethod.class, wire);
  }
}
