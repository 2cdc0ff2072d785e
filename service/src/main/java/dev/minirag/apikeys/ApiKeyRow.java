package dev.minirag.apikeys;

import java.time.Instant;
import java.util.UUID;

/** An api_keys row (with the hash: never leaves the service). */
public record ApiKeyRow(
    UUID id,
    UUID workspaceId,
    String name,
    String prefix,
    String secretHash,
    String[] scopes,
    UUID createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {

  public boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }
}
