package dev.minirag.common;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Unreadable request JSON is the caller's 400; failing to write JSON is our 500. */
@Provider
public class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
  private static final Logger LOG = LoggerFactory.getLogger(JsonExceptionMapper.class);

  @Override
  public Response toResponse(JsonProcessingException e) {
    BodyLimitFilter.BodyTooLargeException tooLarge = BodyLimitFilter.tooLargeCause(e);
    if (tooLarge != null) {
      // Jackson wraps what the capped body stream threw; it is the cap, not bad JSON.
      return ErrorResponses.of(413, tooLarge.getMessage(), null);
    }
    if (e instanceof JsonGenerationException || e instanceof InvalidDefinitionException) {
      LOG.error("JSON serialization failed", e);
      return ErrorResponses.internal(500);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return ErrorResponses.of(
          400, "Unknown field: " + u.getPropertyName(), Map.of("field", u.getPropertyName()));
    }
    var location = e.getLocation();
    Object details =
        location == null
            ? null
            : Map.of("line", location.getLineNr(), "column", location.getColumnNr());
    return ErrorResponses.of(400, "Request body is not valid JSON for this endpoint", details);
  }
}
