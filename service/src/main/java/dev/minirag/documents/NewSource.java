package dev.minirag.documents;

import java.util.UUID;

/** The values a new source row is inserted with. */
public record NewSource(
    UUID workspaceId,
    SourceKind kind,
    String title,
    String uri,
    String externalId,
    String mimeType,
    String contentHash,
    int chunkCount,
    long byteSize,
    String etag,
    String lastModified,
    UUID createdBy,
    String fileName) {}
