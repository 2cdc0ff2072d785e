package dev.minirag.common;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort for bugs: Jersey picks the most specific mapper, so this sees only exceptions no
 * other family claims. Logs the cause; the caller gets the request id only.
 */
@Provider
public class UnhandledExceptionMapper implements ExceptionMapper<Exception> {
  private static final Logger LOG = LoggerFactory.getLogger(UnhandledExceptionMapper.class);

  @Override
  public Response toResponse(Exception e) {
    LOG.error("Unhandled error", e);
    return ErrorResponses.internal(500);
  }
}
