package dev.minirag.common;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

final class ErrorResponses {
  private ErrorResponses() {}

  static Response of(int status, String message, Object details) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ApiError.of(status, message, details))
        .build();
  }

  /** A 5xx body names only the request id: internals stay in the log. */
  static Response internal(int status) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ApiError.internal(status, RequestIds.current()))
        .build();
  }
}
