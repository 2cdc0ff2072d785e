package dev.minirag.users;

import java.time.Instant;
import java.util.UUID;

/** A user row. */
public record User(
    UUID id,
    String email,
    String displayName,
    boolean systemAdmin,
    UUID defaultWorkspaceId,
    Instant createdAt,
    Instant lastLoginAt) {}
