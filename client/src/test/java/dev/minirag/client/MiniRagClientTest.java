package dev.minirag.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.minirag.client.model.AskEvent;
import dev.minirag.client.model.AskRequest;
import dev.minirag.client.model.AskResult;
import dev.minirag.client.model.FileUpload;
import dev.minirag.client.model.SourceQuery;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real local HTTP server that answers what each test scripts. */
class MiniRagClientTest {

  record Answer(int status, Map<String, String> headers, String body) {}

  record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  HttpServer server;
  final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  final List<Received> received = new CopyOnWriteArrayList<>();
  final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      received.add(
          new Received(
              ex.getRequestMethod(),
              ex.getRequestURI().toString(),
              Map.copyOf(ex.getRequestHeaders()),
              ex.getRequestBody().readAllBytes()));
      Answer a = answers.poll();
      if (a == null) {
        a = new Answer(500, Map.of(), "{\"code\":500,\"message\":\"no answer scripted\"}");
      }
      a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        ex.getResponseBody().write(body);
      }
    }
  }

  void answer(int status, String body, String... headers) {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    answers.add(new Answer(status, h, body));
  }

  MiniRagClient client() {
    return client(3);
  }

  MiniRagClient client(int attempts) {
    return MiniRagClient.builder("http://127.0.0.1:" + server.getAddress().getPort() + "/")
        .apiKey("mrk_test_secret")
        .maxAttempts(attempts)
        .maxRetryWait(Duration.ofSeconds(30))
        .sleeper(waits::add)
        .build();
  }

  static final String ITEM =
      "{\"items\":[{\"input\":\"t\",\"status\":\"accepted\",\"sourceId\":\"8d1c4b5e-1d2f-4a6b-9c3d-2e1f0a9b8c7d\",\"sourceStatus\":\"ready\"}]}";

  @Test
  void sendsTheKeyAndJsonAndReadsTheTypedAnswer() {
    answer(201, ITEM);
    var result = client().addText("Lighthouse log", "The keeper polished the lens.");
    assertThat(result.item().accepted()).isTrue();
    assertThat(result.item().sourceStatus()).isEqualTo("ready");
    Received r = received.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/api/v1/sources/text");
    assertThat(r.header("X-API-Key")).isEqualTo("mrk_test_secret");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.text())
        .isEqualTo("{\"title\":\"Lighthouse log\",\"text\":\"The keeper polished the lens.\"}");
  }

  @Test
  void anErrorAnswerIsOneExceptionWithTheErrorShape() {
    answer(
        422,
        "{\"code\":422,\"message\":\"Request is invalid\",\"details\":[{\"field\":\"text\",\"message\":\"must not be blank\"}],\"requestId\":\"req-1\"}");
    assertThatThrownBy(() -> client().addText("t", " "))
        .isInstanceOfSatisfying(
            MiniRagException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.code()).isEqualTo(422);
              assertThat(e.getMessage()).isEqualTo("Request is invalid");
              assertThat(e.details().get(0).get("field").asText()).isEqualTo("text");
              assertThat(e.requestId()).isEqualTo("req-1");
            });
    assertThat(received).hasSize(1);
  }

  @Test
  void anAnswerNotInTheErrorShapeStillNamesItsStatusAndRequestId() {
    answers.add(
        new Answer(
            502, Map.of("Content-Type", "text/html", "X-Request-Id", "px-9"), "<h1>Bad</h1>"));
    assertThatThrownBy(() -> client(1).usage())
        .isInstanceOfSatisfying(
            MiniRagException.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.getMessage()).contains("HTTP 502").contains("<h1>Bad</h1>");
              assertThat(e.requestId()).isEqualTo("px-9");
            });
  }

  @Test
  void aReadRefusedWith429IsRetriedAfterTheWaitTheServerAsks() {
    answer(429, "{\"code\":429,\"message\":\"Too many requests\"}", "Retry-After", "2");
    answer(503, "{\"code\":503,\"message\":\"busy\"}", "Retry-After", "1");
    answer(200, "{\"items\":[],\"total\":0,\"limit\":20,\"offset\":0}");
    var page = client().listSources(SourceQuery.all());
    assertThat(page.total()).isZero();
    assertThat(received).hasSize(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
  }

  @Test
  void aReadWithoutRetryAfterBacksOffByItself() {
    answer(503, "{\"code\":503,\"message\":\"busy\"}");
    answer(200, "{\"items\":[],\"total\":0,\"limit\":20,\"offset\":0}");
    client().listSources(SourceQuery.all());
    assertThat(waits).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void retryingStopsAfterMaxAttemptsWithTheLastError() {
    for (int i = 0; i < 3; i++) {
      answer(503, "{\"code\":503,\"message\":\"busy " + i + "\"}", "Retry-After", "1");
    }
    assertThatThrownBy(() -> client(3).search("lens"))
        .isInstanceOfSatisfying(
            MiniRagException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("busy 2");
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
            });
    assertThat(received).hasSize(3);
  }

  @Test
  void aWriteIsRetriedOnlyWhenTheServerSaysItRefusedBeforeWorking() {
    // 503 with Retry-After: every parser slot was busy, nothing was done: retried.
    answer(503, "{\"code\":503,\"message\":\"parsers busy\"}", "Retry-After", "3");
    answer(201, ITEM);
    assertThat(client().addYoutube("https://youtu.be/x").item().accepted()).isTrue();
    assertThat(waits).containsExactly(Duration.ofSeconds(3));

    // 503 without it (a proxy, a stopping node): the work may have been done; not retried.
    received.clear();
    answer(503, "{\"code\":503,\"message\":\"unavailable\"}");
    assertThatThrownBy(() -> client().addText("t", "x"))
        .isInstanceOfSatisfying(MiniRagException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(received).hasSize(1);
  }

  @Test
  void aWaitLongerThanTheCapFailsAtOnceSayingHowLong() {
    answer(
        429,
        "{\"code\":429,\"message\":\"Daily ask quota used\",\"details\":{\"limit\":\"asksPerDay\"}}",
        "Retry-After",
        "36000");
    assertThatThrownBy(() -> client().ask("why?"))
        .isInstanceOfSatisfying(
            MiniRagException.class,
            e -> {
              assertThat(e.retryAfter()).contains(Duration.ofHours(10));
              assertThat(e.details().get("limit").asText()).isEqualTo("asksPerDay");
            });
    assertThat(received).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void retryAfterMayBeAnHttpDate() {
    Clock at = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    assertThat(RetryAfter.parse("Sat, 05 Dec 2026 10:00:07 GMT", at))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Sat, 05 Dec 2026 09:00:00 GMT", at)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", at)).isNull();
    assertThat(RetryAfter.parse(null, at)).isNull();
  }

  @Test
  void aMultipartUploadIsResentWholeOnARetry() throws Exception {
    answer(429, "{\"code\":429,\"message\":\"slow down\"}", "Retry-After", "1");
    answer(200, ITEM);
    client()
        .addFiles(
            List.of(
                FileUpload.of("notes \"q\".txt", "Bees dance.".getBytes(StandardCharsets.UTF_8))));
    assertThat(received).hasSize(2);
    for (Received r : received) {
      assertThat(r.header("Content-Type")).startsWith("multipart/form-data; boundary=");
      assertThat(r.text())
          .contains("name=\"files\"; filename=\"notes %22q%22.txt\"")
          .contains("\r\n\r\nBees dance.\r\n");
    }
  }

  @Test
  void queryParametersAreEncodedAndNullsLeftOut() {
    answer(200, "{\"items\":[],\"total\":0,\"limit\":5,\"offset\":0}");
    client().listSources(SourceQuery.all().withQ("a b&c").withKind("url").withPage(5, 0));
    assertThat(received.get(0).path())
        .isEqualTo("/api/v1/sources?kind=url&q=a%20b%26c&limit=5&offset=0");
  }

  static String sse(String... events) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < events.length; i += 2) {
      b.append("event: ").append(events[i]).append("\ndata: ").append(events[i + 1]).append("\n\n");
    }
    return b.toString();
  }

  static final String DONE =
      "{\"question\":\"q\",\"answer\":\"The lens. [1]\",\"abstained\":false,\"answerer\":\"extractive\","
          + "\"citations\":[{\"n\":1,\"snippet\":\"The lens.\",\"score\":1.0}],\"rejectedCitations\":[]}";

  @Test
  void aStreamedAnswerArrivesAsTypedEvents() {
    answers.add(
        new Answer(
            200,
            Map.of("Content-Type", "text/event-stream"),
            sse(
                "token", "{\"text\":\"The \"}",
                "token", "{\"text\":\"lens. [1]\"}",
                "citations", "[{\"n\":1,\"snippet\":\"The lens.\",\"score\":1.0}]",
                "done", DONE)));
    List<AskEvent> seen = new ArrayList<>();
    AskResult result = client().askStream(AskRequest.of("q"), seen::add);
    assertThat(received.get(0).header("Accept")).isEqualTo("text/event-stream");
    assertThat(seen)
        .map(e -> e.getClass().getSimpleName())
        .containsExactly("Token", "Token", "Citations", "Done");
    assertThat(((AskEvent.Token) seen.get(0)).text()).isEqualTo("The ");
    assertThat(((AskEvent.Citations) seen.get(2)).citations().get(0).snippet())
        .isEqualTo("The lens.");
    assertThat(result.answer()).isEqualTo("The lens. [1]");
  }

  @Test
  void anErrorEventOfTheStreamIsTheException() {
    answers.add(
        new Answer(
            200,
            Map.of("Content-Type", "text/event-stream"),
            sse(
                "token",
                "{\"text\":\"The \"}",
                "error",
                "{\"code\":504,\"message\":\"The language model did not answer in time\",\"requestId\":\"r-7\"}")));
    assertThatThrownBy(() -> client().askStream(AskRequest.of("q"), e -> {}))
        .isInstanceOfSatisfying(
            MiniRagException.class,
            e -> {
              assertThat(e.code()).isEqualTo(504);
              assertThat(e.requestId()).isEqualTo("r-7");
            });
    // the lazy stream hands the error over as an event instead
    answers.add(
        new Answer(
            200,
            Map.of("Content-Type", "text/event-stream"),
            sse(
                "error",
                "{\"code\":500,\"message\":\"Internal server error\",\"requestId\":\"r\"}")));
    try (Stream<AskEvent> events = client().askStream(AskRequest.of("q"))) {
      assertThat(events.toList()).singleElement().isInstanceOf(AskEvent.Error.class);
    }
  }

  @Test
  void aStreamRefusedBeforeItStartsIsRetriedAndThenRaised() {
    answer(429, "{\"code\":429,\"message\":\"slow down\"}", "Retry-After", "1");
    answer(422, "{\"code\":422,\"message\":\"question must not be blank\"}");
    assertThatThrownBy(() -> client().askStream(AskRequest.of(" ")))
        .isInstanceOfSatisfying(
            MiniRagException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.getMessage()).isEqualTo("question must not be blank");
            });
    assertThat(received).hasSize(2);
  }

  @Test
  void anUnreachableServerIsTheSameExceptionWithStatusZero() {
    int port = server.getAddress().getPort();
    server.stop(0);
    MiniRagClient c =
        MiniRagClient.builder("http://127.0.0.1:" + port)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    assertThatThrownBy(c::usage)
        .isInstanceOfSatisfying(
            MiniRagException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.getCause()).isInstanceOf(IOException.class);
            });
  }

  @Test
  void deleteAnswersNothing() {
    answers.add(new Answer(204, Map.of(), ""));
    client().deleteSource(java.util.UUID.randomUUID());
    assertThat(received.get(0).method()).isEqualTo("DELETE");
  }
}
