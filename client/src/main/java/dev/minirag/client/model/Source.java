package dev.minirag.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A source (one document) as the API shows it; {@code chunks} only on {@code getSource}.
 *
 * @param kind url, file, text or youtube
 * @param status pending, embedding, ready or failed
 * @param resync re-sync state of URL and YouTube sources, else null
 */
public record Source(
    UUID id,
    String kind,
    String title,
    String uri,
    String fileName,
    String externalId,
    String mimeType,
    String status,
    String error,
    int chunkCount,
    int embeddedCount,
    double progress,
    long byteSize,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    Resync resync,
    List<Chunk> chunks) {

  /**
   * @param interval the source's own setting, null for the workspace default
   * @param effective the interval that applies
   */
  public record Resync(
      String interval,
      String effective,
      OffsetDateTime lastCheckedAt,
      OffsetDateTime lastChangedAt,
      OffsetDateTime nextCheckAt) {}

  /**
   * @param metadata charStart, charEnd and, where the document has them, headingPath, page,
   *     startSeconds, endSeconds, cues
   */
  public record Chunk(UUID id, int ordinal, String text, JsonNode metadata, boolean embedded) {}
}
