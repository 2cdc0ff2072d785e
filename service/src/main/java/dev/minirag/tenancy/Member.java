package dev.minirag.tenancy;

import java.time.Instant;
import java.util.UUID;

/** One membership joined with its user. */
public record Member(
    UUID userId, String email, String displayName, WorkspaceRole role, Instant joinedAt) {}
