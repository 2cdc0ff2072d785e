package dev.minirag.documents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** How a source came in; stored and sent as its lower-case {@link #wire()} name. */
public enum SourceKind {
  URL,
  FILE,
  TEXT,
  YOUTUBE;

  /** Every wire name, in declaration order: the allowed values an error message lists. */
  public static final Set<String> WIRE_NAMES =
      Arrays.stream(values())
          .map(SourceKind::wire)
          .collect(Collectors.toCollection(java.util.LinkedHashSet::new));

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
