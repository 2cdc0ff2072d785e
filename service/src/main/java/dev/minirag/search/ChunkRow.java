package dev.minirag.search;

import dev.minirag.documents.SourceKind;
import java.util.Map;
import java.util.UUID;

/** A chunk and its source, as shown in a search hit. */
public record ChunkRow(
    UUID id,
    UUID sourceId,
    int ordinal,
    String text,
    Map<String, Object> metadata,
    String sourceTitle,
    String sourceUri,
    SourceKind sourceKind,
    String sourceFileName) {}
