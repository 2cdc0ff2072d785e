package dev.minirag.tenancy;

import java.time.Instant;
import java.util.UUID;

/** An open, unexpired invitation addressed to the signed-in person. */
public record MyInvitation(
    UUID id,
    UUID workspaceId,
    String workspaceName,
    WorkspaceRole role,
    String invitedByEmail,
    String invitedByName,
    Instant createdAt,
    Instant expiresAt) {}
