package dev.minirag.common;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jersey's own answers (404 unknown path, 405, 406, 415, ...) in our error shape. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    if (status >= 500) {
      LOG.error("Request failed", e);
      return ErrorResponses.internal(status);
    }
    Response built = ErrorResponses.of(status, messageFor(status, e), null);
    // Keep headers that matter to the client, e.g. Allow on 405 and WWW-Authenticate on 401.
    Response.ResponseBuilder copy = Response.fromResponse(built);
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")
                  && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> copy.header(name, v));
              }
            });
    return copy.build();
  }

  private static String messageFor(int status, WebApplicationException e) {
    return switch (status) {
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 406 -> "Not acceptable";
      case 415 -> "Unsupported media type";
      default -> {
        String m = e.getMessage();
        if (m != null && !m.startsWith("HTTP ")) {
          yield m;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        yield known != null ? known.getReasonPhrase() : "Request failed";
      }
    };
  }
}
