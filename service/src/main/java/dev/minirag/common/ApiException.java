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
  private final boolean forCaller;

  public ApiException(int status, String message) {
    this(status, message, null);
  }

  public ApiException(int status, String message, Object details) {
    this(status, message, details, false);
  }

  private ApiException(int status, String message, Object details, boolean forCaller) {
    super(message);
    this.status = status;
    this.details = details;
    this.forCaller = forCaller;
  }

  /**
   * A server-side failure (5xx) whose message was written for the caller ("Stripe could not…", "the
   * model did not finish…"): it reaches them, where other 5xx messages stay in the log.
   */
  public static ApiException forCaller(int status, String message, Object details) {
    return new ApiException(status, message, details, true);
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
    return forCaller || status < 500;
  }

  /**
   * A 503 the caller may read and act on ("busy", "rebuilding": nothing internal), with the seconds
   * to wait in {@code Retry-After}.
   */
  public static ApiException unavailable(String message, long retryAfterSeconds) {
    return forCaller(503, message, null)
        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
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
