package dev.minirag.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A source as the API shows it; {@code chunks} only on the single-source answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceView(
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
    List<ChunkView> chunks) {

  public record ChunkView(UUID id, int ordinal, String text, Object metadata, boolean embedded) {}

  public static SourceView of(Source s, List<ChunkView> chunks) {
    double progress =
        s.status().equals(Source.READY) ? 1.0 : s.chunkCount() == 0 ? 0.0 : (double) s.embeddedCount() / s.chunkCount();
    return new SourceView(s.id(), s.kind(), s.title(), s.uri(), s.fileName(), s.externalId(), s.mimeType(), s.status(), s.error(),
        s.chunkCount(), s.embeddedCount(), progress, s.byteSize(), s.createdAt(), s.updatedAt(), chunks);
  }
}
