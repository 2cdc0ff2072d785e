package dev.minirag.documents.extract;

import dev.minirag.common.ApiException;

/**
 * A document that cannot be turned into text, with the status to answer:
 *
 * <ul>
 *   <li>413: the upload, the extracted text, or a zip container's inflated size is over a limit
 *       (zip and decompression bombs land here);
 *   <li>415: the content is not a supported document type (detected from the bytes);
 *   <li>422: the document is corrupt, password-protected, holds no text, or took longer than the
 *       parse timeout. A timeout is 422, not 408: 408 means the client was slow to send, while here
 *       the same document would time out again, so it is a property of the content.
 * </ul>
 *
 * Messages are written for the uploader and never include parser internals; the cause, when there
 * is one, is kept for the log.
 */
public class ExtractionException extends ApiException {

  public ExtractionException(int status, String message) {
    super(status, message);
  }

  public ExtractionException(int status, String message, Throwable cause) {
    super(status, message);
    initCause(cause);
  }

  static ExtractionException tooLarge(String message) {
    return new ExtractionException(413, message);
  }

  static ExtractionException unsupported(String message) {
    return new ExtractionException(415, message);
  }

  static ExtractionException unreadable(String message) {
    return new ExtractionException(422, message);
  }

  static ExtractionException unreadable(String message, Throwable cause) {
    return new ExtractionException(422, message, cause);
  }
}
