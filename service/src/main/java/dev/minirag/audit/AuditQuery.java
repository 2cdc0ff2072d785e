package dev.minirag.audit;

import java.time.Instant;
import java.util.UUID;

/** Filters for the audit listing; null means "any". */
public record AuditQuery(
    UUID actorUserId,
    UUID actorKeyId,
    UUID workspaceId,
    String action,
    Instant from,
    Instant to,
    int limit,
    int offset) {}
