package dev.minirag.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Calls one {@link JarNode} over HTTP with an API key, as a client of the packaged service. */
public final class NodeClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JarNode node;
  private final String key;

  public NodeClient(JarNode node, String key) {
    this.node = node;
    this.key = key;
  }

  public HttpResponse<String> post(String path, Object body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url(path)))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("X-API-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Adds a text source and checks it was stored (inline) or queued. */
  public void addText(String title, String text) throws Exception {
    HttpResponse<String> added = post("/api/v1/sources/text", Map.of("title", title, "text", text));
    assertThat(added.statusCode()).as(added.body()).isBetween(200, 202);
  }

  public HttpResponse<String> search(String query, String mode) throws Exception {
    return post("/api/v1/search", Map.of("query", query, "mode", mode));
  }

  /** The chunk ids of a search that must answer 200, in rank order. */
  public static JsonNode hitIds(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(r.body()).path("hits").forEach(h -> ids.add(h.path("chunkId").asText()));
    return JSON.valueToTree(ids);
  }

  /** One named check of {@code /api/v1/health} (anonymous). */
  public JsonNode healthCheck(String name) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(node.url("/api/v1/health")))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).path("checks").path(name);
  }

  public interface Probe {
    JsonNode get() throws Exception;
  }

  /** Probes every 100 ms until {@code done} holds or the time is up; returns the last reading. */
  public static JsonNode await(Probe probe, Predicate<JsonNode> done, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonNode last = probe.get();
    while (!done.test(last) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = probe.get();
    }
    return last;
  }

  /** Waits until the node's log holds {@code line}, and asserts it does. */
  public static void awaitLog(JarNode node, String line, int seconds) throws Exception {
    logWithin(node, line, seconds);
    assertThat(node.log()).contains(line);
  }

  /** Waits until the node's log holds {@code line} or the time is up; says whether it does. */
  public static boolean logWithin(JarNode node, String line, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!node.log().contains(line) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return node.log().contains(line);
  }
}
