package dev.minirag.common;

import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/** Bean-validation failures: 422 for bodies, 400 for parameters, each violation listed. */
@Provider
public class ValidationExceptionMapper implements ExceptionMapper<JerseyViolationException> {
  @Override
  public Response toResponse(JerseyViolationException e) {
    int status = ConstraintMessage.determineStatus(e.getConstraintViolations(), e.getInvocable());
    List<Map<String, String>> details =
        e.getConstraintViolations().stream()
            .map(
                (ConstraintViolation<?> v) ->
                    Map.of(
                        "field", String.valueOf(v.getPropertyPath()),
                        "message", ConstraintMessage.getMessage(v, e.getInvocable())))
            .toList();
    return ErrorResponses.of(status, "Request is invalid", details);
  }
}
