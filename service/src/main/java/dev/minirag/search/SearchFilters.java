package dev.minirag.search;

import dev.minirag.documents.SourceKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * Narrows a search within its workspace. Empty sets and null instants mean "no filter". Dates apply
 * to the source's {@code created_at}: {@code createdAfter} inclusive, {@code createdBefore}
 * exclusive, both rounded up to the microsecond PostgreSQL stores, so both legs agree exactly.
 */
public record SearchFilters(
    Set<UUID> sourceIds, Set<SourceKind> kinds, Instant createdAfter, Instant createdBefore) {

  public static final SearchFilters NONE = new SearchFilters(Set.of(), Set.of(), null, null);

  public SearchFilters {
    sourceIds = sourceIds == null ? Set.of() : Set.copyOf(sourceIds);
    kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    createdAfter = ceilMicros(createdAfter);
    createdBefore = ceilMicros(createdBefore);
  }

  public static SearchFilters sources(UUID... ids) {
    return new SearchFilters(Set.of(ids), Set.of(), null, null);
  }

  public static SearchFilters kinds(SourceKind... kinds) {
    return new SearchFilters(Set.of(), Set.of(kinds), null, null);
  }

  public static SearchFilters created(Instant after, Instant before) {
    return new SearchFilters(Set.of(), Set.of(), after, before);
  }

  public boolean isEmpty() {
    return sourceIds.isEmpty() && kinds.isEmpty() && createdAfter == null && createdBefore == null;
  }

  /** Microseconds since the epoch, the unit the index stores dates in. */
  static long epochMicros(Instant t) {
    try {
      return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static Instant ceilMicros(Instant t) {
    if (t == null) {
      return null;
    }
    Instant floor = t.truncatedTo(ChronoUnit.MICROS);
    return floor.equals(t) ? t : floor.plus(1, ChronoUnit.MICROS);
  }
}
