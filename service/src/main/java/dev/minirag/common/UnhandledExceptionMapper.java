package dev.minirag.common;

import dev.minirag.common.db.DatabaseUnavailable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort for bugs: Jersey picks the most specific mapper, so this sees only exceptions no
 * other family claims. Logs the cause; the caller gets the request id only. One exception: a
 * database outage wrapped by code between the driver and here (a search leg's future, the rate
 * limiter's store) is still an outage, answered as {@link DatabaseUnavailableMapper} does.
 */
@Provider
public class UnhandledExceptionMapper implements ExceptionMapper<Exception> {
  private static final Logger LOG = LoggerFactory.getLogger(UnhandledExceptionMapper.class);

  @Override
  public Response toResponse(Exception e) {
    if (DatabaseUnavailable.causes(e)) {
      return DatabaseUnavailableMapper.unavailable(e);
    }
    LOG.error("Unhandled error", e);
    return ErrorResponses.internal(500);
  }
}
