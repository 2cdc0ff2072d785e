package dev.minirag.documents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.minirag.common.ApiException;
import java.util.UUID;

/**
 * One input's outcome in a batch: accepted, duplicate (of sourceId) or failed with a reason. A
 * failure keeps the response headers its cause asked for (Retry-After on a 503), so a single-item
 * endpoint can answer them; they are not part of the item's JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(String input, String status, UUID sourceId, String sourceStatus, String error, Integer code,
    @JsonIgnore java.util.Map<String, String> headers) {

  public ItemResult {
    headers = headers == null ? java.util.Map.of() : java.util.Map.copyOf(headers);
  }

  public ItemResult(String input, String status, UUID sourceId, String sourceStatus, String error, Integer code) {
    this(input, status, sourceId, sourceStatus, error, code, java.util.Map.of());
  }

  public static ItemResult accepted(String input, UUID sourceId, String sourceStatus) {
    return new ItemResult(input, "accepted", sourceId, sourceStatus, null, null);
  }

  public static ItemResult duplicate(String input, UUID sourceId) {
    return new ItemResult(input, "duplicate", sourceId, null, null, null);
  }

  public static ItemResult failed(String input, int code, String error) {
    return new ItemResult(input, "failed", null, null, error, code);
  }

  /** The failure {@code e} describes, with its status, message and headers. */
  public static ItemResult failed(String input, ApiException e) {
    return new ItemResult(input, "failed", null, null, e.getMessage(), e.status(), e.headers());
  }

  @JsonIgnore
  public boolean isFailed() {
    return status.equals("failed");
  }
}
