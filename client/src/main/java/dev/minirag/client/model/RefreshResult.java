package dev.minirag.client.model;

import java.util.UUID;

/**
 * A refresh's outcome: {@code unchanged}, {@code updated}, or {@code queued} (then {@code jobId}
 * names the job that re-syncs).
 */
public record RefreshResult(UUID sourceId, String outcome, String status, UUID jobId) {}
