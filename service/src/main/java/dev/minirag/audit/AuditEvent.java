package dev.minirag.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/** One audit row as the admin API shows it; details is the stored JSON object. */
public record AuditEvent(
    UUID id,
    Instant occurredAt,
    UUID actorUserId,
    UUID actorKeyId,
    UUID workspaceId,
    String action,
    String target,
    String ip,
    String userAgent,
    String requestId,
    @JsonRawValue String details) {}
