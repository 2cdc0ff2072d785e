package dev.minirag.search;

import java.time.Instant;
import java.util.UUID;

/** What the Lucene index holds about one chunk: its text, title and the fields filters use. */
public record IndexedChunk(
    UUID id,
    UUID workspaceId,
    UUID sourceId,
    String kind,
    String title,
    Instant createdAt,
    String text) {}
