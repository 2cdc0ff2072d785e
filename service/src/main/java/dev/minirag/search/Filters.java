package dev.minirag.search;

import dev.minirag.common.ApiException;
import dev.minirag.documents.SourceKind;
import dev.minirag.documents.SourceService;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The {@code filters} object of a search or ask request, as the caller sent it. */
@io.swagger.v3.oas.annotations.media.Schema(
    description = "Narrowing within the workspace; every field is optional",
    example = "{\"kinds\": [\"text\", \"file\"]}")
public record Filters(
    List<UUID> sourceIds,
    List<String> kinds,
    OffsetDateTime createdAfter,
    OffsetDateTime createdBefore) {

  /** Checks filter values against the workspace: unknown kinds are 422, unknown source ids 404. */
  public static SearchFilters checked(UUID workspace, Filters f, SourceService sources) {
    if (f == null) {
      return SearchFilters.NONE;
    }
    Set<SourceKind> kinds = null;
    if (f.kinds() != null) {
      List<String> unknown =
          f.kinds().stream().filter(k -> SourceKind.fromWire(k).isEmpty()).toList();
      if (!unknown.isEmpty()) {
        throw new ApiException(
            422, "Unknown source kind(s); use " + SourceKind.WIRE_NAMES, Map.of("kinds", unknown));
      }
      kinds =
          f.kinds().stream()
              .map(k -> SourceKind.fromWire(k).orElseThrow())
              .collect(Collectors.toSet());
    }
    sources.requireExisting(workspace, f.sourceIds());
    return new SearchFilters(
        f.sourceIds() == null ? null : new HashSet<>(f.sourceIds()),
        kinds,
        f.createdAfter() == null ? null : f.createdAfter().toInstant(),
        f.createdBefore() == null ? null : f.createdBefore().toInstant());
  }
}
