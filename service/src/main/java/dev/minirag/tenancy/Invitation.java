package dev.minirag.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * An open invitation as a workspace admin sees it; {@code expired} ones can no longer be accepted.
 */
public record Invitation(
    UUID id,
    String email,
    WorkspaceRole role,
    UUID invitedBy,
    String invitedByEmail,
    Instant createdAt,
    Instant expiresAt,
    boolean expired) {}
