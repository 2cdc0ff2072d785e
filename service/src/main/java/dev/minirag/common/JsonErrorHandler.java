package dev.minirag.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers itself, before or outside Jersey (a request line it refuses, an
 * ambiguous or encoded-NUL path, a servlet-level sendError), in the one error shape instead of
 * Jetty's HTML page. Server errors name only the request id, as everywhere else.
 */
public final class JsonErrorHandler extends ErrorHandler {

  private final ObjectMapper json;

  public JsonErrorHandler(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int servletCode =
        number(request.getAttribute("jakarta.servlet.error.status_code"), response.getStatus());
    int code = number(request.getAttribute(ERROR_STATUS), servletCode >= 400 ? servletCode : 500);
    Object message = request.getAttribute(ERROR_MESSAGE);
    if (message == null) {
      message = request.getAttribute("jakarta.servlet.error.message");
    }
    response.setStatus(code);
    write(response, code, message == null ? null : message.toString(), callback);
    return true;
  }

  private static int number(Object value, int fallback) {
    return value instanceof Integer i && i >= 400 ? i : fallback;
  }

  private void write(Response response, int code, String message, Callback callback) {
    String requestId = response.getHeaders().get(RequestIds.HEADER);
    if (requestId == null) {
      requestId = UUID.randomUUID().toString();
      response.getHeaders().put(RequestIds.HEADER, requestId);
    }
    ApiError error =
        code >= 500
            ? ApiError.internal(code, requestId)
            : new ApiError(
                code,
                message == null || message.isBlank() ? "The request was refused." : message,
                null,
                requestId);
    byte[] body;
    try {
      body = json.writeValueAsBytes(error);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
