package dev.minirag.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * The line types of the data entries; ids are the exporting database's and only link lines
 * together.
 */
public final class ArchiveLines {
  private ArchiveLines() {}

  /** A line of sources.jsonl. */
  public record SourceLine(
      String id,
      String kind,
      String title,
      String uri,
      String externalId,
      String mimeType,
      String contentHash,
      int chunkCount,
      long byteSize,
      String etag,
      String lastModified,
      JsonNode metadata,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      String fileName) {}

  /** A line of documents.jsonl: the extracted document a source's chunks were cut from. */
  public record DocumentLine(String source, JsonNode document, int charCount) {}

  /** A line of chunks.jsonl; {@code vector} is base64 of little-endian float32 values, or null. */
  public record ChunkLine(
      String source, int ordinal, String text, JsonNode metadata, String vector) {}
}
