package dev.minirag.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** JSON calls against the app under test that assert the expected status. */
public final class Api {
  private final Http http;

  public Api(Http http) {
    this.http = http;
  }

  public JsonNode post(String path, Object body, int expectedStatus) {
    return post(path, body, expectedStatus, Map.of());
  }

  public JsonNode post(String path, Object body, int expectedStatus, Map<String, String> headers) {
    Response r = http.send("POST", path, Entity.json(body), headers);
    JsonNode json = r.readEntity(JsonNode.class);
    assertThat(r.getStatus()).as(path + " " + json).isEqualTo(expectedStatus);
    return json;
  }

  /** Any method with a JSON body (PUT, PATCH, …). */
  public JsonNode send(String method, String path, Object body, int expectedStatus) {
    Response r = http.send(method, path, Entity.json(body), Map.of());
    JsonNode json = r.readEntity(JsonNode.class);
    assertThat(r.getStatus()).as(method + " " + path + " " + json).isEqualTo(expectedStatus);
    return json;
  }

  public JsonNode get(String path, int expectedStatus) {
    Response r = http.get(path);
    JsonNode json = r.readEntity(JsonNode.class);
    assertThat(r.getStatus()).as(path + " " + json).isEqualTo(expectedStatus);
    return json;
  }

  /** Adds a text source and returns its id. */
  public String addText(String title, String text) {
    JsonNode item =
        post("/api/v1/sources/text", Map.of("title", title, "text", text), 201).at("/items/0");
    assertThat(item.get("sourceStatus").asText()).isEqualTo("ready");
    return item.get("sourceId").asText();
  }
}
