package dev.minirag.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A source as the API shows it; {@code chunks} only on the single-source answer. Kind and status
 * are written as their wire names and documented as the strings they always were.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceView(
    UUID id,
    @Schema(implementation = String.class) SourceKind kind,
    String title,
    String uri,
    String fileName,
    String externalId,
    String mimeType,
    @Schema(implementation = String.class) SourceStatus status,
    String error,
    int chunkCount,
    int embeddedCount,
    double progress,
    long byteSize,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    Resync resync,
    List<ChunkView> chunks) {

  /**
   * Re-sync of a URL or YouTube source: {@code interval} is the source's own setting (null = the
   * workspace default), {@code effective} what applies; {@code nextCheckAt} is null while off.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resync(
      String interval,
      String effective,
      OffsetDateTime lastCheckedAt,
      OffsetDateTime lastChangedAt,
      OffsetDateTime nextCheckAt) {}

  public record ChunkView(UUID id, int ordinal, String text, Object metadata, boolean embedded) {}

  public static SourceView of(Source s, List<ChunkView> chunks) {
    double progress =
        s.status() == SourceStatus.READY
            ? 1.0
            : s.chunkCount() == 0 ? 0.0 : (double) s.embeddedCount() / s.chunkCount();
    return new SourceView(
        s.id(),
        s.kind(),
        s.title(),
        s.uri(),
        s.fileName(),
        s.externalId(),
        s.mimeType(),
        s.status(),
        s.error(),
        s.chunkCount(),
        s.embeddedCount(),
        progress,
        s.byteSize(),
        s.createdAt(),
        s.updatedAt(),
        resync(s),
        chunks);
  }

  private static Resync resync(Source s) {
    if (!s.kind().resyncable()) {
      return null;
    }
    String effective = s.effectiveResyncInterval();
    return new Resync(
        s.resyncInterval(),
        effective,
        s.lastCheckedAt(),
        s.lastChangedAt(),
        "off".equals(effective) ? null : s.nextCheckAt());
  }
}
