package dev.minirag.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.client.model.ApiError;
import java.time.Duration;
import java.util.Optional;

/**
 * Every failure of a call: an error answer of the API (its one error shape), an {@code error} event
 * of a streamed answer, or no answer at all ({@link #status()} 0: the server could not be reached,
 * the call timed out or was interrupted; the cause says which).
 */
public class MiniRagException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient ApiError error;
  private final Duration retryAfter;

  public MiniRagException(int status, ApiError error, Duration retryAfter) {
    super(error.message());
    this.status = status;
    this.error = error;
    this.retryAfter = retryAfter;
  }

  /** No HTTP answer: {@code status} is 0. */
  public MiniRagException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.error = new ApiError(0, message, null, null);
    this.retryAfter = null;
  }

  /** The HTTP status of the answer (200 for an error event of a stream), 0 without an answer. */
  public int status() {
    return status;
  }

  /** The error shape's {@code code}: the status the error stands for. */
  public int code() {
    return error.code();
  }

  /** The error shape's {@code details} (field errors, a limit's counters, …), or null. */
  public JsonNode details() {
    return error.details();
  }

  /** The request id to quote when reporting the problem, or null without an answer. */
  public String requestId() {
    return error.requestId();
  }

  /** The whole error shape as the API answered it. */
  public ApiError error() {
    return error;
  }

  /** How long the server asked to wait before trying again ({@code Retry-After}), if it did. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public String toString() {
    return "MiniRagException{status="
        + status
        + ", code="
        + code()
        + ", message="
        + getMessage()
        + (requestId() == null ? "" : ", requestId=" + requestId())
        + "}";
  }
}
