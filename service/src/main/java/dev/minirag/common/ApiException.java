package dev.minirag.common;

/** A failure the caller can act on: carries the status, a message and optional details. */
public class ApiException extends RuntimeException {

  private final int status;
  private final transient Object details;

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

  /**
   * Whether the message may reach the caller. Server-side failures hide theirs by default; an
   * upstream failure (a site or model we called) overrides this, since its message is the point.
   */
  public boolean messageIsPublic() {
    return status < 500;
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
