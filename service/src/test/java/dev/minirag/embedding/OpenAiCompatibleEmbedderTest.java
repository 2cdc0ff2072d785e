package dev.minirag.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real local HTTP server speaking the /v1/embeddings protocol. */
class OpenAiCompatibleEmbedderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-test-secret-key";

  private HttpServer server;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> authHeaders = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile Function<JsonNode, Reply> handler;

  private record Reply(int status, String body) {}

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/embeddings", this::handle);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    calls.incrementAndGet();
    JsonNode req = JSON.readTree(ex.getRequestBody());
    requests.add(req);
    authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
    Reply reply = handler.apply(req);
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(reply.status(), body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private OpenAiCompatibleEmbedder embedder(String baseUrl, int batchSize, int retries) {
    return new OpenAiCompatibleEmbedder(
        new EmbeddingConfig.OpenAi(baseUrl, "test-embed-3", KEY, 3).withTimeouts(2, 5, retries),
        batchSize);
  }

  /** Answers each input with [len, 1, 0], items in reverse order to exercise "index". */
  private static Reply echoLengths(JsonNode req) {
    var data = JSON.createArrayNode();
    JsonNode input = req.get("input");
    for (int i = input.size() - 1; i >= 0; i--) {
      var item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      item.putArray("embedding").add(input.get(i).asText().length()).add(1.0).add(0.0);
    }
    var root = JSON.createObjectNode();
    root.put("object", "list");
    root.set("data", data);
    root.put("model", req.get("model").asText());
    return new Reply(200, root.toString());
  }

  @Test
  void embedsInBatchesInOrderNormalizedWithTheKey() {
    handler = OpenAiCompatibleEmbedderTest::echoLengths;
    OpenAiCompatibleEmbedder e = embedder(baseUrl(), 2, 0);

    List<float[]> vectors = e.embedDocuments(List.of("a", "bbb", "cc", "dddd", "e"));

    assertThat(calls.get()).isEqualTo(3);
    assertThat(requests.get(0).get("model").asText()).isEqualTo("test-embed-3");
    assertThat(requests.get(0).get("input")).hasSize(2);
    assertThat(requests.get(2).get("input")).hasSize(1);
    assertThat(authHeaders).containsOnly("Bearer " + KEY);
    assertThat(vectors).hasSize(5);
    int[] lengths = {1, 3, 2, 4, 1};
    for (int i = 0; i < 5; i++) {
      float[] v = vectors.get(i);
      double norm = Math.sqrt(lengths[i] * lengths[i] + 1);
      assertThat(v[0]).isCloseTo((float) (lengths[i] / norm), within(1e-6f));
      assertThat(Vectors.dot(v, v)).isCloseTo(1.0, within(1e-6));
    }
    assertThat(e.model()).isEqualTo("test-embed-3");
    assertThat(e.dimension()).isEqualTo(3);
    assertThat(e.embedQuery("xyz")[0]).isCloseTo((float) (3 / Math.sqrt(10)), within(1e-6f));
  }

  @Test
  void acceptsABaseUrlEndingInV1() {
    handler = OpenAiCompatibleEmbedderTest::echoLengths;
    assertThat(embedder(baseUrl() + "/v1/", 8, 0).embedQuery("hi")).hasSize(3);
    assertThat(OpenAiCompatibleEmbedder.endpoint("https://api.openai.com").toString())
        .isEqualTo("https://api.openai.com/v1/embeddings");
    assertThat(OpenAiCompatibleEmbedder.endpoint("http://h:1/v1").toString())
        .isEqualTo("http://h:1/v1/embeddings");
  }

  @Test
  void unauthorizedIsAClearErrorWithoutTheKeyAndIsNotRetried() {
    handler =
        req ->
            new Reply(
                401,
                "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
    OpenAiCompatibleEmbedder e = embedder(baseUrl(), 8, 2);

    assertThatThrownBy(() -> e.embedQuery("hello"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("Incorrect API key provided")
        .hasMessageContaining("/v1/embeddings")
        .hasMessageNotContaining(KEY);
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedThenReported() {
    AtomicInteger n = new AtomicInteger();
    handler = req -> n.incrementAndGet() < 2 ? new Reply(503, "overloaded") : echoLengths(req);
    assertThat(embedder(baseUrl(), 8, 2).embedQuery("ok")).hasSize(3);
    assertThat(calls.get()).isEqualTo(2);

    handler = req -> new Reply(500, "boom");
    assertThatThrownBy(() -> embedder(baseUrl(), 8, 1).embedQuery("x"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("HTTP 500: boom");
  }

  @Test
  void malformedAnswersAreRejected() {
    OpenAiCompatibleEmbedder e = embedder(baseUrl(), 8, 0);

    handler = req -> new Reply(200, "<html>gateway</html>");
    assertThatThrownBy(() -> e.embedQuery("x"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("malformed")
        .hasMessageContaining("not JSON");

    handler = req -> new Reply(200, "{\"object\":\"list\"}");
    assertThatThrownBy(() -> e.embedQuery("x"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("no \"data\" array");

    handler = req -> new Reply(200, "{\"data\":[{\"index\":0,\"embedding\":[0.1,0.2]}]}");
    assertThatThrownBy(() -> e.embedQuery("x"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("length 2")
        .hasMessageContaining("dimension is 3");

    handler = req -> new Reply(200, "{\"data\":[]}");
    assertThatThrownBy(() -> e.embedQuery("x"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("0 embeddings for 1 inputs");

    handler = req -> new Reply(200, "{\"data\":[{\"index\":0,\"embedding\":[\"a\",0.2,0.3]}]}");
    assertThatThrownBy(() -> e.embedQuery("x"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("non-numeric");
  }

  @Test
  void anUnreachableEndpointFailsClearly() {
    server.stop(0);
    OpenAiCompatibleEmbedder e = embedder(baseUrl(), 8, 0);
    assertThatThrownBy(() -> e.embedQuery("x"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void factoryBuildsTheConfiguredProvider() {
    handler = OpenAiCompatibleEmbedderTest::echoLengths;
    Embedder e =
        Embedders.create(
            EmbeddingConfig.openai(new EmbeddingConfig.OpenAi(baseUrl(), "m", null, 3), 16));
    assertThat(e).isInstanceOf(OpenAiCompatibleEmbedder.class);
    assertThat(e.embedQuery("abc")).hasSize(3);
    assertThat(authHeaders).containsExactly("null");
    assertThatThrownBy(() -> Embedders.create(EmbeddingConfig.onnx("no-such-model", 1, 8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bge-small-en-v1.5-q");
  }
}
