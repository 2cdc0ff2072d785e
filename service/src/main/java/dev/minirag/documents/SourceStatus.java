package dev.minirag.documents;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.minirag.common.ApiException;
import dev.minirag.common.WireName;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a source is in its life: stored and sent as its lower-case {@link #wire()} name. */
public enum SourceStatus implements WireName {
  PENDING,
  EMBEDDING,
  READY,
  FAILED;

  /** Every wire name, in declaration order: the allowed values an error message lists. */
  public static final Set<String> WIRE_NAMES =
      Arrays.stream(values())
          .map(SourceStatus::wire)
          .collect(Collectors.toCollection(java.util.LinkedHashSet::new));

  @JsonValue
  @Override
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A {@code status} query value: null for none, 400 for a value that is not a wire name. */
  public static SourceStatus parseFilter(String wire) {
    return wire == null
        ? null
        : fromWire(wire)
            .orElseThrow(() -> ApiException.badRequest("status must be one of " + WIRE_NAMES));
  }

  /** The constant named {@code wire}; empty for any other string. */
  public static Optional<SourceStatus> fromWire(String wire) {
    return WireName.fromWire(SourceStatus.class, wire);
  }
}
