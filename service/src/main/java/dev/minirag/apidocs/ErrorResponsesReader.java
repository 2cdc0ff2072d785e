package dev.minirag.apidocs;

import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import dev.minirag.access.Public;
import dev.minirag.common.Fails;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * Swagger's JAX-RS reader, plus the errors each operation can answer, read from its declaration:
 *
 * <ul>
 *   <li>not {@code @Public}: 401, 404 (another workspace named by {@code X-Workspace-Id}) and 429
 *       (requests per minute); unsafe (POST, PUT, PATCH) as well: 403 (a session without its CSRF
 *       header); {@code @RolesAllowed}: 403
 *   <li>a path id: 400 (a path refused before routing) and 404; query parameters: 400
 *   <li>a body: 400, 413, 415 and 422; an unsafe method: 400 and 415 (its {@code Content-Type})
 *   <li>every operation: 500, whose answer names only the request id
 *   <li>each {@link Fails} the method declares (its words come first where a status is also
 *       generic)
 * </ul>
 *
 * <p>Each refers to the one {@code Error} schema with an example. Public operations need no API
 * key. The authenticated caller ({@code @Auth}) is neither a parameter nor a body, and operation
 * ids are the resource's and the method's names. {@code OpenApiDocumentIT} checks the result
 * against what the operations answer.
 */
public class ErrorResponsesReader extends Reader {

  static final Map<Integer, String> GENERIC =
      Map.of(
          400,
          "Malformed JSON, an unknown field, a bad query parameter, a malformed `Content-Type`,"
              + " or a path refused before routing (an encoded NUL, slash or backslash)",
          401,
          "No API key or session, or one that is unknown, revoked or expired",
          403,
          "The key's scopes or the member's role do not allow this, or a cookie session's"
              + " request lacks its `X-CSRF-Token` header",
          404,
          "An unknown id, another workspace's id, or an `X-Workspace-Id` that is not the"
              + " caller's",
          413,
          "The request body is over its size cap (refused before it is read)",
          415,
          "The `Content-Type` is not one this operation takes",
          422,
          "The body is well-formed but invalid: `details` lists each field and why",
          429,
          "Over the caller's requests per minute (or a daily quota): wait the `Retry-After`"
              + " seconds");

  static final String EXAMPLE_REQUEST_ID = "0b6f1c2e9d8a4f51";

  @Override
  public Operation parseMethod(
      Method method,
      List<Parameter> globalParameters,
      Produces methodProduces,
      Produces classProduces,
      Consumes methodConsumes,
      Consumes classConsumes,
      List<SecurityRequirement> classSecurityRequirements,
      Optional<ExternalDocumentation> classExternalDocs,
      Set<String> classTags,
      List<Server> classServers,
      boolean isSubresource,
      RequestBody parentRequestBody,
      ApiResponses parentResponses,
      JsonView jsonViewAnnotation,
      io.swagger.v3.oas.annotations.responses.ApiResponse[] classResponses,
      AnnotatedMethod annotatedMethod) {
    Operation operation =
        super.parseMethod(
            method,
            globalParameters,
            methodProduces,
            classProduces,
            methodConsumes,
            classConsumes,
            classSecurityRequirements,
            classExternalDocs,
            classTags,
            classServers,
            isSubresource,
            parentRequestBody,
            parentResponses,
            jsonViewAnnotation,
            classResponses,
            annotatedMethod);
    if (operation != null) {
      operation.setOperationId(operationId(method));
      describeSuccess(operation);
      describeErrors(operation, method, methodConsumes != null);
    }
    return operation;
  }

  /**
   * The authenticated caller ({@code @Auth Caller}) is not a request body or parameter: it comes
   * from the credentials, which the security schemes describe.
   */
  @Override
  protected ResolvedParameter getParameters(
      java.lang.reflect.Type type,
      List<Annotation> annotations,
      Operation operation,
      Consumes classConsumes,
      Consumes methodConsumes,
      JsonView jsonViewAnnotation) {
    if (annotations.stream().anyMatch(a -> a.annotationType() == io.dropwizard.auth.Auth.class)) {
      return new ResolvedParameter();
    }
    return super.getParameters(
        type, annotations, operation, classConsumes, methodConsumes, jsonViewAnnotation);
  }

  /**
   * {@code sourcesGet}, {@code jobsCancel}: the resource's name and the method's, unique across the
   * API (Swagger's own ids are the method names, suffixed {@code _1}, {@code _2} where they
   * repeat).
   */
  static String operationId(Method method) {
    String resource = method.getDeclaringClass().getSimpleName().replaceFirst("Resource$", "");
    String name = method.getName();
    return Character.toLowerCase(resource.charAt(0))
        + resource.substring(1)
        + Character.toUpperCase(name.charAt(0))
        + name.substring(1);
  }

  /** Swagger's placeholder description of the success answer, in words. */
  static void describeSuccess(Operation operation) {
    if (operation.getResponses() == null) {
      return;
    }
    operation
        .getResponses()
        .forEach(
            (code, response) -> {
              if ("default response".equals(response.getDescription())) {
                response.setDescription(
                    "The answer when the operation succeeds (its status is in the summary when it"
                        + " is not 200)");
              }
            });
  }

  static void describeErrors(Operation operation, Method method, boolean consumes) {
    Class<?> resource = method.getDeclaringClass();
    boolean isPublic =
        method.isAnnotationPresent(Public.class)
            || (resource.isAnnotationPresent(Public.class)
                && !method.isAnnotationPresent(RolesAllowed.class));
    boolean permissionChecked =
        method.isAnnotationPresent(RolesAllowed.class)
            || (!isPublic && resource.isAnnotationPresent(RolesAllowed.class));
    boolean body = consumes || hasBodyParameter(method);
    boolean unsafe =
        method.isAnnotationPresent(jakarta.ws.rs.POST.class)
            || method.isAnnotationPresent(jakarta.ws.rs.PUT.class)
            || method.isAnnotationPresent(jakarta.ws.rs.PATCH.class);
    Map<Integer, String> errors = new TreeMap<>();
    if (!isPublic) {
      errors.put(401, GENERIC.get(401));
      errors.put(404, GENERIC.get(404));
      errors.put(429, GENERIC.get(429));
    }
    if (permissionChecked) {
      errors.put(403, GENERIC.get(403));
    }
    if (hasParameter(method, PathParam.class)) {
      errors.put(400, GENERIC.get(400));
      errors.put(404, GENERIC.get(404));
    }
    if (isPublic && hasParameter(method, io.dropwizard.auth.Auth.class)) {
      // Public, but it reads a caller when there is one: credentials are checked as anywhere.
      errors.put(404, GENERIC.get(404));
    }
    if (hasParameter(method, QueryParam.class)) {
      errors.put(400, GENERIC.get(400));
    }
    if (body) {
      errors.put(400, GENERIC.get(400));
      errors.put(413, GENERIC.get(413));
      errors.put(415, GENERIC.get(415));
      errors.put(422, GENERIC.get(422));
    }
    if (unsafe) {
      // A Content-Type is checked against what the resource consumes, body or not.
      errors.put(400, GENERIC.get(400));
      errors.put(415, GENERIC.get(415));
    }
    if (unsafe && !isPublic) {
      errors.put(403, GENERIC.get(403)); // a session without its CSRF header
    }
    // Any operation can fail unexpectedly; the answer then names only the request id.
    errors.put(500, "An unexpected failure: the answer names only the request id, to quote");
    Map<Integer, String> specific = new LinkedHashMap<>();
    for (Fails f : method.getAnnotationsByType(Fails.class)) {
      specific.merge(f.status(), f.when(), (a, b) -> a + "; " + b);
    }
    specific.forEach(
        (status, when) ->
            errors.merge(status, when, (generic, own) -> own + ". Also: " + lower(generic)));
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    errors.forEach(
        (status, when) -> {
          String code = Integer.toString(status);
          if (!responses.containsKey(code)) {
            responses.addApiResponse(code, errorResponse(status, when));
          }
        });
    operation.setResponses(responses);
    if (isPublic) {
      operation.setSecurity(List.of()); // no API key needed
    }
  }

  static ApiResponse errorResponse(int status, String when) {
    Map<String, Object> example = new LinkedHashMap<>();
    example.put("code", status);
    example.put("message", exampleMessage(status));
    if (status == 500) {
      example.put("message", "Internal server error (request id " + EXAMPLE_REQUEST_ID + ")");
    }
    if (status == 422) {
      example.put("details", List.of(Map.of("field", "text", "message", "must not be blank")));
    }
    example.put("requestId", EXAMPLE_REQUEST_ID);
    ApiResponse response =
        new ApiResponse()
            .description(when)
            .content(
                new Content()
                    .addMediaType(
                        jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                        new MediaType()
                            .schema(
                                new Schema<>().$ref("#/components/schemas/" + ApiDocs.ERROR_SCHEMA))
                            .example(example)));
    if (status == 429 || status == 503) {
      response.addHeaderObject(
          "Retry-After",
          new Header()
              .description("seconds to wait before trying again")
              .schema(new IntegerSchema()));
    }
    return response;
  }

  private static String exampleMessage(int status) {
    return switch (status) {
      case 400 -> "Unrecognized field \"titel\"";
      case 401 -> "Authentication required";
      case 402 -> "Payment required: the trial has ended";
      case 403 -> "Forbidden: needs the write permission";
      case 404 -> "Source not found";
      case 409 -> "Conflict";
      case 410 -> "The invitation has expired";
      case 413 -> "Request body too large";
      case 415 -> "Unsupported media type";
      case 422 -> "Request is invalid";
      case 429 -> "Too many requests: 600 per minute";
      case 502 -> "The upstream service could not be reached";
      case 503 -> "Busy: try again in 2 seconds";
      default -> "Error";
    };
  }

  private static String lower(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static boolean hasParameter(Method method, Class<? extends Annotation> type) {
    return Arrays.stream(method.getParameterAnnotations())
        .flatMap(Arrays::stream)
        .anyMatch(a -> a.annotationType() == type);
  }

  /** A parameter without a JAX-RS source annotation (and not injected) is the request body. */
  private static boolean hasBodyParameter(Method method) {
    return Arrays.stream(method.getParameterAnnotations())
        .anyMatch(ErrorResponsesReader::isEntityParameter);
  }

  private static final Set<String> SOURCE_ANNOTATIONS =
      Set.of(
          PathParam.class.getName(),
          QueryParam.class.getName(),
          jakarta.ws.rs.HeaderParam.class.getName(),
          jakarta.ws.rs.CookieParam.class.getName(),
          jakarta.ws.rs.MatrixParam.class.getName(),
          FormParam.class.getName(),
          BeanParam.class.getName(),
          FormDataParam.class.getName(),
          jakarta.ws.rs.core.Context.class.getName(),
          "io.dropwizard.auth.Auth");

  private static boolean isEntityParameter(Annotation[] annotations) {
    return Arrays.stream(annotations)
        .noneMatch(a -> SOURCE_ANNOTATIONS.contains(a.annotationType().getName()));
  }
}
