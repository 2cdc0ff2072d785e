package dev.minirag.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.documents.IngestService;
import dev.minirag.logging.TraceContext;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import dev.minirag.testing.WiredApp;
import dev.minirag.tracing.OtlpReceiver.Received;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The app with its OTLP endpoint pointed at a receiver in this test: the trace of one answer, as a
 * collector gets it, and log lines carrying the ids of exported spans.
 */
class TracingIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  static final OtlpReceiver OTLP = receiver();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(WiredApp.class, DB, Map.of("tracing.endpoint", OTLP.endpoint()));

  private static final Duration WAIT = Duration.ofSeconds(30);
  // Generous deadlines: the first ingest loads the embedding model, on a box that may be busy.
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpRequest.Builder request(String path, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .timeout(Duration.ofSeconds(120));
    headers.forEach(b::header);
    return b;
  }

  private static HttpResponse<String> post(
      String path, Map<String, Object> body, Map<String, String> headers) throws Exception {
    return CLIENT.send(
        request(path, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static OtlpReceiver receiver() {
    // Batches leave every 100 ms instead of every 5 s. The SDK reads its settings from system
    // properties as it does from OTEL_* variables (here OTEL_BSP_SCHEDULE_DELAY).
    System.setProperty("otel.bsp.schedule.delay", "100");
    return new OtlpReceiver();
  }

  @AfterAll
  static void closeReceiver() {
    OTLP.close();
    System.clearProperty("otel.bsp.schedule.delay");
  }

  /** Keeps the events of one logger with their log context, as a log shipper would get them. */
  static final class Captured extends AppenderBase<ILoggingEvent> {
    final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
    }
  }

  @Test
  void oneAnswerIsOneServerSpanWithEveryStepBeneathIt() throws Exception {
    TestCallers.Owner owner = TestCallers.owner(APP, DB);
    String workspace = owner.workspaceId().toString();
    Captured log = new Captured();
    Logger ingestLog = (Logger) LoggerFactory.getLogger(IngestService.class);
    log.start();
    ingestLog.addAppender(log);
    HttpResponse<String> ingest;
    try {
      ingest =
          post(
              "/api/v1/sources/text",
              Map.of(
                  "title",
                  "Lighthouse log",
                  "text",
                  "The keeper polished the Fresnel lens every morning at dawn. In 1901 a storm"
                      + " broke the lantern glass. Ships relied on the beam to pass the reef."),
              owner.headers());
    } finally {
      ingestLog.detachAppender(log);
    }
    assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(201);
    String ingestId = ingest.headers().firstValue("X-Request-Id").orElseThrow();

    HttpResponse<String> ask =
        post("/api/v1/ask", Map.of("question", "Who polished the Fresnel lens?"), owner.headers());
    assertThat(ask.statusCode()).as(ask.body()).isEqualTo(200);
    String askId = ask.headers().firstValue("X-Request-Id").orElseThrow();

    List<Received> all =
        OTLP.await(spans -> server(spans, askId) != null && server(spans, ingestId) != null, WAIT);
    Received root = server(all, askId);
    assertThat(root).as("the server span of the ask request").isNotNull();
    assertThat(OTLP.contentTypes()).allMatch("application/x-protobuf"::equals);

    // One tree: the server span is the only root, and every other span hangs below it.
    List<Received> trace = all.stream().filter(s -> s.traceId().equals(root.traceId())).toList();
    assertThat(trace.stream().filter(s -> s.parentSpanId().isEmpty())).containsExactly(root);
    Set<String> ids = trace.stream().map(Received::spanId).collect(Collectors.toSet());
    assertThat(trace).allMatch(s -> s == root || ids.contains(s.parentSpanId()));

    System.out.println("The ask request's trace:\n" + tree(trace, root, ""));
    assertThat(root.name()).isEqualTo("POST /api/v1/ask");
    assertThat(root.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(root.attributes())
        .containsEntry("http.route", "/api/v1/ask")
        .containsEntry("http.request.method", "POST")
        .containsEntry("http.response.status_code", "200")
        .containsEntry("minirag.workspace_id", workspace);
    assertThat(root.resource()).containsEntry("service.name", "mini-rag");

    Received search = child(trace, root, "search");
    assertThat(search.attributes()).containsEntry("minirag.search.mode", "hybrid");
    child(trace, search, "search.bm25");
    Received vector = child(trace, search, "search.vector");
    child(trace, search, "search.fusion");
    Received embed = child(trace, search, "embedding.query");
    assertThat(embed.attributes()).containsEntry("minirag.embedding.texts", "1");
    Received answer = child(trace, root, "answer");
    assertThat(answer.attributes()).containsEntry("minirag.answerer", "extractive");
    child(trace, search, "SearchHitsDao.load");
    // the kNN query, inside the transaction that first sets the scan's parameters
    child(trace, vector, "VectorSearchDao.configureScan");
    Received nearest = child(trace, vector, "VectorSearchDao.knn");
    assertThat(nearest.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(nearest.attributes())
        .containsEntry("db.system.name", "postgresql")
        .containsEntry("db.operation.name", "WITH");

    // Every span is the request's; those after authentication also name the workspace.
    assertThat(trace)
        .allSatisfy(s -> assertThat(s.attributes()).containsEntry("minirag.request_id", askId));
    assertThat(List.of(root, search, vector, embed, answer, nearest))
        .allSatisfy(
            s -> assertThat(s.attributes()).containsEntry("minirag.workspace_id", workspace));

    // Statements show their text with placeholders, never a bound value.
    List<Received> statements =
        trace.stream().filter(s -> s.attributes().containsKey("db.query.text")).toList();
    assertThat(statements.size()).isGreaterThanOrEqualTo(2);
    assertThat(statements)
        .allSatisfy(
            s ->
                assertThat(s.attributes().get("db.query.text"))
                    .doesNotContain(workspace)
                    .doesNotContain("Fresnel"));

    // The ingest request's log line carries the ids of that request's exported server span.
    Received ingestSpan = server(all, ingestId);
    ILoggingEvent ingested =
        log.events.stream()
            .filter(e -> e.getFormattedMessage().startsWith("Ingested text source"))
            .findFirst()
            .orElseThrow();
    Map<String, String> mdc = ingested.getMDCPropertyMap();
    assertThat(mdc.get(TraceContext.TRACE_ID)).isEqualTo(ingestSpan.traceId());
    assertThat(mdc.get(TraceContext.SPAN_ID)).isEqualTo(ingestSpan.spanId());
    assertThat(ingestSpan.name()).isEqualTo("POST /api/v1/sources/text");
  }

  @Test
  void anIncomingTraceparentIsContinued() throws Exception {
    TestCallers.Owner owner = TestCallers.owner(APP, DB);
    String caller = "4bf92f3577b34da6a3ce929d0e0e4736";
    HttpResponse<String> r =
        CLIENT.send(
            request("/api/v1/sources?limit=1", owner.headers())
                .header("traceparent", "00-" + caller + "-00f067aa0ba902b7-01")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    Received server = server(OTLP.await(s -> server(s, id) != null, WAIT), id);
    assertThat(server).isNotNull();
    assertThat(server.traceId()).isEqualTo(caller);
    assertThat(server.parentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(server.name()).isEqualTo("GET /api/v1/sources");
  }

  @Test
  void theTracerIsOnAndCarriesTheOtelSettings() {
    Tracing tracing = ((WiredApp) APP.getApplication()).context().tracing();
    assertThat(tracing.isOn()).isTrue();
    assertThat(tracing).isNotSameAs(Tracing.OFF);
  }

  private static Received server(List<Received> spans, String requestId) {
    return spans.stream()
        .filter(s -> s.kind() == SpanKind.SPAN_KIND_SERVER)
        .filter(s -> requestId.equals(s.attributes().get("minirag.request_id")))
        .findFirst()
        .orElse(null);
  }

  private static String tree(List<Received> trace, Received span, String indent) {
    StringBuilder out =
        new StringBuilder(indent)
            .append(span.name())
            .append(" (")
            .append((span.endNanos() - span.startNanos()) / 1_000)
            .append(" µs)\n");
    trace.stream()
        .filter(s -> s.parentSpanId().equals(span.spanId()))
        .sorted(java.util.Comparator.comparingLong(Received::startNanos))
        .forEach(s -> out.append(tree(trace, s, indent + "  ")));
    return out.toString();
  }

  private static Received child(List<Received> trace, Received parent, String name) {
    List<Received> found =
        trace.stream()
            .filter(s -> s.name().equals(name) && s.parentSpanId().equals(parent.spanId()))
            .toList();
    assertThat(found).as(name + " under " + parent.name()).hasSize(1);
    return found.get(0);
  }
}
