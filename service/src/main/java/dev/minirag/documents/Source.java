package dev.minirag.documents;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A document in a workspace, as stored. */
public record Source(
    UUID id,
    UUID workspaceId,
    SourceKind kind,
    String title,
    String uri,
    String externalId,
    String mimeType,
    String contentHash,
    SourceStatus status,
    String error,
    int chunkCount,
    int embeddedCount,
    long byteSize,
    String etag,
    String lastModified,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    String fileName,
    String resyncInterval,
    String effectiveResyncInterval,
    OffsetDateTime lastCheckedAt,
    OffsetDateTime lastChangedAt,
    OffsetDateTime nextCheckAt) {}
