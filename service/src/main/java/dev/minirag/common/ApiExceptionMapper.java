package dev.minirag.common;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {
  @Override
  public Response toResponse(ApiException e) {
    Response response =
        e.messageIsPublic()
            ? ErrorResponses.of(e.status(), e.getMessage(), e.details())
            : ErrorResponses.internal(e.status());
    e.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
    return response;
  }
}
