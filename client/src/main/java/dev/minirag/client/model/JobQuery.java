package dev.minirag.client.model;

import java.util.UUID;

/**
 * Filters and paging of {@code listJobs}; null leaves a parameter out (server defaults: limit 20,
 * offset 0).
 */
public record JobQuery(String kind, String status, UUID subjectId, Integer limit, Integer offset) {

  public static JobQuery all() {
    return new JobQuery(null, null, null, null, null);
  }

  public JobQuery withKind(String value) {
    return new JobQuery(value, status, subjectId, limit, offset);
  }

  public JobQuery withStatus(String value) {
    return new JobQuery(kind, value, subjectId, limit, offset);
  }

  public JobQuery withSubject(UUID value) {
    return new JobQuery(kind, status, value, limit, offset);
  }

  public JobQuery withPage(int newLimit, int newOffset) {
    return new JobQuery(kind, status, subjectId, newLimit, newOffset);
  }
}
