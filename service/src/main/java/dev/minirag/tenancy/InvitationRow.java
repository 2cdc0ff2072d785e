package dev.minirag.tenancy;

import java.time.Instant;
import java.util.UUID;

/** An invitation row, whatever its state. */
public record InvitationRow(
    UUID id,
    UUID workspaceId,
    String email,
    WorkspaceRole role,
    Instant expiresAt,
    Instant acceptedAt,
    Instant declinedAt,
    Instant revokedAt) {

  boolean open() {
    return acceptedAt == null && declinedAt == null && revokedAt == null;
  }

  /** Why it is closed, for a 409: "accepted", "declined" or "revoked". */
  String closedAs() {
    return acceptedAt != null ? "accepted" : declinedAt != null ? "declined" : "revoked";
  }
}
