package dev.minirag.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A job on the shared queue.
 *
 * @param kind embed, resync, reindex, export or import
 * @param status queued, running, succeeded, failed or canceled
 * @param subjectId the source an embed or re-sync job works on
 * @param lastError written for people; null unless an attempt failed
 * @param result the job's result once it has one (shape per kind)
 */
public record Job(
    UUID id,
    String kind,
    String status,
    UUID subjectId,
    Progress progress,
    int attempts,
    int maxAttempts,
    boolean cancelRequested,
    String lastError,
    JsonNode result,
    UUID createdBy,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt) {

  public record Progress(long done, long total) {}

  /** Succeeded, failed or canceled: the job will not change any more. */
  public boolean finished() {
    return "succeeded".equals(status) || "failed".equals(status) || "canceled".equals(status);
  }
}
