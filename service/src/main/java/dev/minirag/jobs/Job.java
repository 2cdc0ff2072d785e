package dev.minirag.jobs;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A job as stored. {@code payload} and {@code result} are JSON text owned by the kind's handler;
 * {@code leaseOwner} names a node and never leaves the service.
 */
public record Job(
    UUID id,
    UUID workspaceId,
    JobKind kind,
    UUID subjectId,
    String payload,
    JobStatus status,
    boolean cancelRequested,
    long progressDone,
    long progressTotal,
    int attempts,
    int maxAttempts,
    String leaseOwner,
    String lastError,
    String result,
    UUID createdBy,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    OffsetDateTime updatedAt) {}
