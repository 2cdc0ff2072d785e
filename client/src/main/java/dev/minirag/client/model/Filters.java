package dev.minirag.client.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Restricts a search or an ask to some sources, kinds or creation times; null fields: no filter.
 */
public record Filters(
    List<UUID> sourceIds,
    List<String> kinds,
    OffsetDateTime createdAfter,
    OffsetDateTime createdBefore) {

  public static Filters sources(UUID... ids) {
    return new Filters(List.of(ids), null, null, null);
  }

  public static Filters kinds(String... kinds) {
    return new Filters(null, List.of(kinds), null, null);
  }
}
