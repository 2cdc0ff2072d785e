package dev.minirag.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Http;
import dev.minirag.testing.ProbeApplication;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ErrorShapeIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  // Registered after DB, so the database exists before the app starts.
  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(ProbeApplication.class, DB);

  private final Http http = new Http(APP);

  private Response call(String method, String path, Entity<?> body) {
    return http.send(method, path, body, Map.of());
  }

  private static JsonNode errorBody(Response r, int status) {
    assertThat(r.getStatus()).isEqualTo(status);
    assertThat(r.getMediaType().toString()).startsWith("application/json");
    JsonNode body = r.readEntity(JsonNode.class);
    assertThat(body.get("code").asInt()).isEqualTo(status);
    assertThat(body.get("message").textValue()).isNotBlank();
    assertThat(body.get("requestId").asText()).isEqualTo(r.getHeaderString("X-Request-Id"));
    return body;
  }

  @Test
  void unknownApiPathIs404InErrorShape() {
    errorBody(call("GET", "/api/v1/no-such-thing", null), 404);
  }

  @Test
  void unknownStaticFileIs404InErrorShape() {
    errorBody(call("GET", "/assets/missing-file.js", null), 404);
  }

  @Test
  void wrongMethodIs405WithAllowHeader() {
    Response r = call("DELETE", "/api/v1/version", null);
    errorBody(r, 405);
    assertThat(r.getHeaderString("Allow")).contains("GET");
  }

  @Test
  void wrongContentTypeIs415() {
    errorBody(
        call("POST", "/api/v1/test-probe", Entity.entity("text=hi", MediaType.TEXT_PLAIN)), 415);
  }

  @Test
  void invalidBodyIs422WithFieldDetails() {
    JsonNode body =
        errorBody(call("POST", "/api/v1/test-probe", Entity.json("{\"text\":\"\"}")), 422);
    // Named as the caller wrote it, not by the Java method and parameter the check ran on.
    assertThat(body.path("details").path(0).path("field").asText()).isEqualTo("text");
    assertThat(body.path("details").path(0).path("message").asText()).isNotBlank();
  }

  @Test
  void malformedJsonIs400() {
    errorBody(call("POST", "/api/v1/test-probe", Entity.json("{\"text\":")), 400);
  }

  @Test
  void unexpectedFailureIs500WithOnlyTheRequestId() {
    Response r =
        http.send("GET", "/api/v1/test-probe/boom", null, Map.of("X-Request-Id", "probe-500-abc"));
    JsonNode body = errorBody(r, 500);
    assertThat(body.get("requestId").asText()).isEqualTo("probe-500-abc");
    assertThat(body.toString()).doesNotContain("hunter2").doesNotContain("IllegalState");
    assertThat(body.has("details")).isFalse();
  }
}
