package dev.minirag.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the caller can act on: carries the status, a message, optional details and optional
 * response headers (e.g. {@code Retry-After} on a 429 or 503).
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final transient Object details;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public ApiException(int status, String message) {
    this(status, message, null);
  }

  public ApiException(int status, String message, Object details) {
    super(message);
    this.status = status;
    this.details = details;
  }

  public int status() {
    return status;
  }

  public Object details() {
    return details;
  }

  /** Adds a response header; returns this for chaining. */
  public ApiException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Map<String, String> headers() {
    return Map.copyOf(headers);
  }

  /**
   * Whether the message may reach the caller. Server-side failures hide theirs by default; an
   * upstream failure (a site or model we called) overrides this, since its message is the point.
   */
  public boolean messageIsPublic() {
    return status < 500;
  }

  /**
   * A 503 the caller may read and act on ("busy", "rebuilding": nothing internal), with the seconds
   * to wait in {@code Retry-After}.
   */
  public static ApiException unavailable(String message, long retryAfterSeconds) {
    return new ApiException(503, message) {
      @Override
      public boolean messageIsPublic() {
        return true;
      }
    }.withHeader("Retry-After", Long.toString(retryAfterSeconds));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public static ApiException unprocessable(String message, Object details) {
    return new ApiException(422, message, details);
  }
}
