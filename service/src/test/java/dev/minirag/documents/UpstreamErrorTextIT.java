package dev.minirag.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Api;
import dev.minirag.testing.Http;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An embedding provider's own error text (its address, whatever its body says) reaches the log
 * only: the caller and the stored source get a stable message with the request id or the source id.
 */
class UpstreamErrorTextIT {

  private static final String UPSTREAM_DETAIL = "internal detail: shard db-7 at 10.9.8.7 is down";
  private static final HttpServer FAILING = failingEmbeddings();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "embedding.provider", "openai",
              "embedding.openai.baseUrl", "http://127.0.0.1:" + FAILING.getAddress().getPort(),
              "embedding.openai.model", "failing-model",
              "embedding.openai.dimension", "384"));

  private static HttpServer failingEmbeddings() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            try (exchange) {
              byte[] body =
                  ("{\"error\":{\"message\":\"" + UPSTREAM_DETAIL + "\"}}")
                      .getBytes(StandardCharsets.UTF_8);
              exchange.getResponseHeaders().set("Content-Type", "application/json");
              exchange.sendResponseHeaders(400, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    FAILING.stop(0);
  }

  private static void assertClean(String text) {
    assertThat(text)
        .doesNotContain("10.9.8.7")
        .doesNotContain("internal detail")
        .doesNotContain("127.0.0.1:" + FAILING.getAddress().getPort());
  }

  @Test
  void theCallerAndTheStoredSourceSeeAStableMessage() throws Exception {
    Http http = new Http(APP).as(TestCallers.owner(APP, DB).headers());
    Response inline =
        http.send(
            "POST",
            "/api/v1/sources/text",
            Entity.json(Map.of("title", "Small", "text", "Kestrels hover while they hunt voles.")),
            Map.of());
    JsonNode error = inline.readEntity(JsonNode.class);
    assertThat(inline.getStatus()).as(error.toString()).isEqualTo(502);
    assertClean(error.toString());
    // An empty request id would make the contains() below vacuous.
    assertThat(error.get("requestId").textValue())
        .isNotBlank()
        .isEqualTo(inline.getHeaderString("X-Request-Id"));
    assertThat(error.get("message").asText())
        .contains("embedding model failed")
        .contains(error.get("requestId").asText());

    StringBuilder large = new StringBuilder();
    for (int i = 0; i < 80; i++) {
      large
          .append("Paragraph ")
          .append(i)
          .append(" tells how kestrels nest in old buildings and hollow trees. ".repeat(8))
          .append("\n\n");
    }
    Response queued =
        http.send(
            "POST",
            "/api/v1/sources/text",
            Entity.json(Map.of("title", "Large", "text", large.toString())),
            Map.of());
    JsonNode item = queued.readEntity(JsonNode.class).at("/items/0");
    assertThat(queued.getStatus()).as(item.toString()).isEqualTo(201);
    String id = item.get("sourceId").asText();
    JsonNode source = null;
    for (int i = 0; i < 200; i++) {
      source = new Api(http).get("/api/v1/sources/" + id, 200);
      if (source.get("status").asText().equals("failed")) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(source.get("status").asText()).isEqualTo("failed");
    assertClean(source.toString());
    assertThat(source.get("error").asText()).contains("embedding model failed").contains(id);
  }
}
