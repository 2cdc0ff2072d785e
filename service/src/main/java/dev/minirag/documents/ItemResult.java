package dev.minirag.documents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.minirag.common.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import java.util.UUID;

/**
 * One input's outcome in a batch: accepted, duplicate (of sourceId) or failed with a reason, a code
 * and, for a refusal by a limit, the limit's details. A failure keeps the response headers its
 * cause asked for (Retry-After on a 429 or 503), so a single-item endpoint can answer them; they
 * are not part of the item's JSON. The enums are written as their wire names and documented as the
 * strings they always were.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(
    String input,
    @Schema(implementation = String.class) IngestOutcome status,
    UUID sourceId,
    @Schema(implementation = String.class) SourceStatus sourceStatus,
    UUID jobId,
    String error,
    Integer code,
    Object details,
    @JsonIgnore Map<String, String> headers) {

  public ItemResult {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public static ItemResult accepted(String input, UUID sourceId, SourceStatus sourceStatus) {
    return new ItemResult(
        input, IngestOutcome.ACCEPTED, sourceId, sourceStatus, null, null, null, null, Map.of());
  }

  /** Stored, and embedded by the job {@code jobId}. */
  public static ItemResult queued(String input, UUID sourceId, UUID jobId) {
    return new ItemResult(
        input,
        IngestOutcome.ACCEPTED,
        sourceId,
        SourceStatus.PENDING,
        jobId,
        null,
        null,
        null,
        Map.of());
  }

  public static ItemResult duplicate(String input, UUID sourceId) {
    return new ItemResult(
        input, IngestOutcome.DUPLICATE, sourceId, null, null, null, null, null, Map.of());
  }

  public static ItemResult failed(String input, int code, String error) {
    return new ItemResult(
        input, IngestOutcome.FAILED, null, null, null, error, code, null, Map.of());
  }

  /** The failure {@code e} describes: its status, message, details and headers. */
  public static ItemResult failed(String input, ApiException e) {
    return new ItemResult(
        input,
        IngestOutcome.FAILED,
        null,
        null,
        null,
        e.getMessage(),
        e.status(),
        e.details(),
        e.headers());
  }

  @JsonIgnore
  public boolean isFailed() {
    return status == IngestOutcome.FAILED;
  }
}
