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
