package dev.minirag.documents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** One input's outcome in a batch: accepted, duplicate (of sourceId) or failed with a reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(String input, String status, UUID sourceId, String sourceStatus, String error, Integer code) {

  public static ItemResult accepted(String input, UUID sourceId, String sourceStatus) {
    return new ItemResult(input, "accepted", sourceId, sourceStatus, null, null);
  }

  public static ItemResult duplicate(String input, UUID sourceId) {
    return new ItemResult(input, "duplicate", sourceId, null, null, null);
  }

  public static ItemResult failed(String input, int code, String error) {
    return new ItemResult(input, "failed", null, null, error, code);
  }

  @JsonIgnore
  public boolean isFailed() {
    return status.equals("failed");
  }
}
