package dev.minirag.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * One input's outcome in an ingest request.
 *
 * @param status {@code accepted}, {@code duplicate} (then {@code sourceId} is the existing source)
 *     or {@code failed} ({@code code} and {@code error} say why)
 * @param sourceStatus {@code ready} when embedded before the answer, else {@code pending}
 * @param jobId the job that embeds an accepted source later, if any
 */
public record IngestItem(
    String input,
    String status,
    UUID sourceId,
    String sourceStatus,
    UUID jobId,
    String error,
    Integer code,
    JsonNode details) {

  public boolean accepted() {
    return "accepted".equals(status);
  }

  public boolean duplicate() {
    return "duplicate".equals(status);
  }

  public boolean failed() {
    return "failed".equals(status);
  }
}
