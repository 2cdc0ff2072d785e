package dev.minirag.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one error body every non-2xx answer carries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int code, String message, Object details, String requestId) {

  public static ApiError of(int code, String message, Object details) {
    return new ApiError(code, message, details, RequestIds.current());
  }

  /** A server-side failure: the body names only the request id, internals stay in the log. */
  public static ApiError internal(int code, String requestId) {
    return new ApiError(
        code, "Internal server error (request id " + requestId + ")", null, requestId);
  }
}
