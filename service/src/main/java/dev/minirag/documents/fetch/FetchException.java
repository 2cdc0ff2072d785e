package dev.minirag.documents.fetch;

import dev.minirag.common.ApiException;
import java.util.OptionalInt;

/**
 * A URL that could not be fetched, with the status to answer:
 *
 * <ul>
 *   <li>400: the URL is invalid, not http(s), carries credentials, or points (directly or through a
 *       redirect) at a private, loopback, link-local or otherwise reserved address;
 *   <li>413: the body is larger than the limit;
 *   <li>415: the server sent a content type we do not index;
 *   <li>422: the remote document exists but is not usable (e.g. a video has no transcript);
 *   <li>502: the host cannot be resolved or reached, the TLS handshake failed, the server answered
 *       an error status ({@link #upstreamStatus()}), or it redirected too often;
 *   <li>504: the server did not answer in time.
 * </ul>
 *
 * Messages are written for the user and name only the URL's host. Note that the shared mapper for
 * {@code ApiException} replaces 5xx messages with a request id.
 */
public class FetchException extends ApiException {

  private final Integer upstreamStatus;

  public FetchException(int status, String message) {
    this(status, message, null, null);
  }

  public FetchException(int status, String message, Integer upstreamStatus, Throwable cause) {
    super(status, message);
    this.upstreamStatus = upstreamStatus;
    if (cause != null) {
      initCause(cause);
    }
  }

  /** The HTTP status the remote server answered, when the failure is its error response. */
  public OptionalInt upstreamStatus() {
    return upstreamStatus == null ? OptionalInt.empty() : OptionalInt.of(upstreamStatus);
  }

  /** Messages name only the remote host and what went wrong there, so callers may see them. */
  @Override
  public boolean messageIsPublic() {
    return true;
  }

  /** True when the remote side could not be reached or did not answer (502 or 504). */
  public boolean isUnreachable() {
    return (status() == 502 || status() == 504) && upstreamStatus == null;
  }
}
