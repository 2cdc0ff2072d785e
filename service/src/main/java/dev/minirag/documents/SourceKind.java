package dev.minirag.documents;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.minirag.common.ApiException;
import dev.minirag.common.WireName;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** How a source came in; stored and sent as its lower-case {@link #wire()} name. */
public enum SourceKind implements WireName {
  URL,
  FILE,
  TEXT,
  YOUTUBE;

  /** Every wire name, in declaration order: the allowed values an error message lists. */
  public static final Set<String> WIRE_NAMES =
      Arrays.stream(values())
          .map(SourceKind::wire)
          .collect(Collectors.toCollection(java.util.LinkedHashSet::new));

  @JsonValue
  @Override
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** URL and YouTube sources are fetched again by a re-sync; files and texts cannot be. */
  public boolean resyncable() {
    return this == URL || this == YOUTUBE;
  }

  /** A {@code kind} query value: null for none, 400 for a value that is not a wire name. */
  public static SourceKind parseFilter(String wire) {
    return wire == null
        ? null
        : fromWire(wire)
            .orElseThrow(() -> ApiException.badRequest("kind must be one of " + WIRE_NAMES));
  }

  /** The constant named {@code wire}; empty for any other string. */
  public static Optional<SourceKind> fromWire(String wire) {
    return WireName.fromWire(SourceKind.class, wire);
  }
}
