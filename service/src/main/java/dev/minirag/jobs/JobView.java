package dev.minirag.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A job as the API shows it: no node names, no lease details. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
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

  static JobView of(Job j, ObjectMapper json) {
    return new JobView(
        j.id(),
        j.kind().wire(),
        j.status().wire(),
        j.subjectId(),
        new Progress(j.progressDone(), j.progressTotal()),
        j.attempts(),
        j.maxAttempts(),
        j.cancelRequested(),
        j.lastError(),
        parse(j.result(), json),
        j.createdBy(),
        j.createdAt(),
        j.startedAt(),
        j.finishedAt());
  }

  private static JsonNode parse(String result, ObjectMapper json) {
    if (result == null) {
      return null;
    }
    try {
      return json.readTree(result);
    } catch (Exception e) {
      throw new IllegalStateException("a stored job result is not JSON", e);
    }
  }
}
