package dev.minirag.tenancy;

import java.time.Instant;
import java.util.UUID;

/** A workspace row. */
public record Workspace(UUID id, UUID organizationId, String name, Instant createdAt) {}
