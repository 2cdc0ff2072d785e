package dev.minirag.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key as listed: the prefix only, never the secret or its hash. */
public record ApiKeyView(
    UUID id,
    UUID workspaceId,
    String name,
    String prefix,
    List<String> scopes,
    UUID createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {

  static ApiKeyView of(ApiKeyRow r) {
    return new ApiKeyView(
        r.id(),
        r.workspaceId(),
        r.name(),
        r.prefix(),
        List.of(r.scopes()),
        r.createdBy(),
        r.createdAt(),
        r.expiresAt(),
        r.revokedAt(),
        r.lastUsedAt());
  }
}
