package dev.minirag.common;

import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
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
                        "field", field(v.getPropertyPath()),
                        "message", ConstraintMessage.getMessage(v, e.getInvocable())))
            .toList();
    return ErrorResponses.of(status, "Request is invalid", details);
  }

  /**
   * The field as the caller wrote it: a body's property path ({@code text}, {@code filters.kind}),
   * or the parameter's name; never the Java method and parameter the path starts with.
   */
  static String field(Path path) {
    List<Path.Node> nodes = new ArrayList<>();
    path.forEach(nodes::add);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Path.Node node = nodes.get(i);
      boolean last = i == nodes.size() - 1;
      switch (node.getKind()) {
        case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {}
        case PARAMETER -> {
          if (last) {
            names.add(node.getName());
          }
        }
        default -> names.add(node.toString());
      }
    }
    return names.isEmpty() ? String.valueOf(path) : String.join(".", names);
  }
}
