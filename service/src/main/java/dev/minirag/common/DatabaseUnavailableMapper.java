package dev.minirag.common;

import dev.minirag.common.db.DatabaseUnavailable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database failures (JDBI's family). When PostgreSQL cannot be reached the caller gets a 503 with
 * {@code Retry-After} and a public, generic message: the request may simply be sent again once the
 * server is back. Any other database error is a bug and answers 500 with the request id only.
 */
@Provider
public class DatabaseUnavailableMapper implements ExceptionMapper<JdbiException> {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableMapper.class);

  @Override
  public Response toResponse(JdbiException e) {
    if (DatabaseUnavailable.causes(e)) {
      return unavailable(e);
    }
    LOG.error("Database error", e);
    return ErrorResponses.internal(500);
  }

  /** The answer to any request that failed because the database is unreachable. */
  static Response unavailable(Throwable e) {
    LOG.warn("Database unavailable: {}", DatabaseUnavailable.describe(e));
    Response response = ErrorResponses.of(503, DatabaseUnavailable.MESSAGE, null);
    response
        .getHeaders()
        .putSingle("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
    return response;
  }
}
