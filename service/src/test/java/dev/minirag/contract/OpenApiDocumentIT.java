package dev.minirag.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.ApiResources;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OpenAPI document against the service that serves it: every operation Jersey serves is in the
 * document with a summary, a success answer and its errors in the one error shape; and every 4xx
 * the operation was seen to answer is listed. "Seen" comes from calling each operation the way
 * {@link EndpointFuzzIT} does (anonymous, a read key, a write key; bad ids, bad parameters, wrong
 * JSON, wrong content types, broken multipart) plus fixed probes (another workspace, a session
 * without its CSRF header, foreign ids), so a new endpoint or a new refusal cannot go undocumented.
 */
class OpenApiDocumentIT {

  static final String SECRET = TestApp.randomSecret();
  static final long SEED = Long.getLong("openapi.seed", 20261206L);
  static final int ROUNDS = Integer.getInteger("openapi.rounds", 24);

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of("security.jwtSecret", SECRET, "limits.enabled", "false"));

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

  static UUID ownWorkspace;
  static Map<String, Map<String, String>> callers = new LinkedHashMap<>();
  static Map<String, String> sessionWithoutCsrf;

  @BeforeAll
  static void callers() {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    f.signIn("root@openapi.test");
    User owner = f.signIn("owner@openapi.test");
    ownWorkspace = owner.defaultWorkspaceId();
    callers.put("anonymous", Map.of());
    callers.put("read", Api.key(f.key(ownWorkspace, "openapi-read", List.of("read"))));
    callers.put("write", Api.key(f.key(ownWorkspace, "openapi-write", List.of("write"))));
    Map<String, String> session = new LinkedHashMap<>(f.session(owner).headers());
    session.keySet().removeIf(h -> h.toLowerCase(Locale.ROOT).contains("csrf"));
    sessionWithoutCsrf = session;
  }

  /** Observed 4xx per operation ("post /v1/search"), each with one request that produced it. */
  private final Map<String, Map<Integer, String>> observed = new TreeMap<>();

  private int sent;

  @Test
  void everyOperationHasASummaryAndListsEvery4xxItAnswers() throws Exception {
    JsonNode doc = document();
    List<ApiResources.Operation> ops =
        ApiResources.operations(APP.getEnvironment()).stream()
            .filter(op -> !op.method().equals("HEAD") && !op.method().equals("OPTIONS"))
            .filter(op -> !op.path().startsWith("/openapi"))
            .toList();
    assertThat(ops).hasSizeGreaterThan(50);

    List<String> problems = new ArrayList<>();
    for (ApiResources.Operation op : ops) {
      String key = key(op);
      JsonNode operation = doc.path("paths").path(op.path()).path(op.method().toLowerCase());
      if (operation.isMissingNode()) {
        problems.add(key + ": not in the document");
        continue;
      }
      if (operation.path("summary").asText("").isBlank()) {
        problems.add(key + ": no summary");
      }
      JsonNode responses = operation.path("responses");
      boolean success = false;
      for (var it = responses.fieldNames(); it.hasNext(); ) {
        String code = it.next();
        success |= code.startsWith("2") || code.equals("default");
        if (code.startsWith("4") || code.startsWith("5")) {
          JsonNode json = responses.path(code).path("content").path("application/json");
          if (!json.path("schema").path("$ref").asText().equals("#/components/schemas/Error")) {
            problems.add(key + " " + code + ": not the Error schema");
          }
          if (json.path("example").path("code").asInt() != Integer.parseInt(code)) {
            problems.add(key + " " + code + ": no example with its code");
          }
          if (responses.path(code).path("description").asText("").isBlank()) {
            problems.add(key + " " + code + ": no description");
          }
        }
      }
      if (!success) {
        problems.add(key + ": no success answer");
      }
    }

    // What each operation answers, seen.
    probe(ops);
    Random random = new Random(SEED);
    Generator gen = new Generator(random, ownWorkspace);
    for (int round = 0; round < ROUNDS; round++) {
      for (ApiResources.Operation op : ops) {
        String caller = round % 3 == 0 ? "anonymous" : round % 3 == 1 ? "read" : "write";
        EndpointFuzzIT.Input in = gen.input(caller, op);
        send(op, in.method(), in.path(), callers.get(caller), in.contentType(), in.body());
      }
    }
    int seen = 0;
    for (ApiResources.Operation op : ops) {
      JsonNode responses =
          doc.path("paths").path(op.path()).path(op.method().toLowerCase()).path("responses");
      for (var e : observed.getOrDefault(key(op), Map.of()).entrySet()) {
        seen++;
        if (!responses.has(Integer.toString(e.getKey()))) {
          problems.add(key(op) + ": answers " + e.getKey() + " (to " + e.getValue() + ")");
        }
      }
    }
    System.out.printf(
        "OpenAPI document: %d operations, %d requests, %d distinct (operation, 4xx) pairs seen,"
            + " %d problems%n",
        ops.size(), sent, seen, problems.size());
    assertThat(problems).isEmpty();
  }

  @Test
  void theApiKeySchemeIsDeclaredAndPublicOperationsNeedNoKey() throws Exception {
    JsonNode doc = document();
    JsonNode scheme = doc.at("/components/securitySchemes/apiKey");
    assertThat(scheme.path("type").asText()).isEqualTo("apiKey");
    assertThat(scheme.path("in").asText()).isEqualTo("header");
    assertThat(scheme.path("name").asText()).isEqualTo("X-API-Key");
    assertThat(doc.at("/security/0/apiKey").isArray()).isTrue();
    assertThat(doc.at("/paths/~1v1~1health/get/security").isArray()).isTrue();
    assertThat(doc.at("/paths/~1v1~1health/get/security")).isEmpty();
    assertThat(doc.at("/paths/~1v1~1search/post/responses/429/headers/Retry-After").isObject())
        .isTrue();
    assertThat(doc.at("/components/schemas/Error/required").toString())
        .isEqualTo("[\"code\",\"message\"]");
  }

  @Test
  void requestBodiesAreTheRealBodiesWithExamples() throws Exception {
    JsonNode doc = document();
    List<String> problems = new ArrayList<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          JsonNode body = op.getValue().path("requestBody");
                          String where = op.getKey() + " " + path.getKey();
                          if (body.isMissingNode()) {
                            return;
                          }
                          if (op.getKey().equals("get") || op.getKey().equals("delete")) {
                            problems.add(where + ": a request body");
                          }
                          if (body.toString().contains("#/components/schemas/Caller")) {
                            problems.add(where + ": the authenticated caller as its body");
                          }
                        }));
    assertThat(problems).isEmpty();
    List<String> ids = new ArrayList<>();
    doc.path("paths").forEach(path -> path.forEach(op -> ids.add(op.path("operationId").asText())));
    assertThat(ids).doesNotHaveDuplicates().doesNotContain("").contains("sourcesGet", "usageUsage");
    // Each request type has its own schema (two records named Body once shared one).
    assertThat(
            doc.at("/paths/~1v1~1search/post/requestBody/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/SearchRequest");
    assertThat(
            doc.at("/paths/~1v1~1ask/post/requestBody/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/AskRequest");
    assertThat(doc.at("/components/schemas/SearchRequest/properties/query/example").asText())
        .isEqualTo("who polished the lens");
    assertThat(doc.at("/components/schemas/AskRequest/properties/question/example").asText())
        .isNotBlank();
    assertThat(doc.at("/components/schemas/TextRequest/properties/text/example").asText())
        .isNotBlank();
  }

  /** Fixed probes: another workspace, foreign ids, a session without its CSRF header. */
  private void probe(List<ApiResources.Operation> ops) throws Exception {
    for (ApiResources.Operation op : ops) {
      String path = "/api" + op.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
      byte[] body = UNSAFE.contains(op.method()) ? "{}".getBytes() : null;
      String type = body == null ? null : "application/json";
      for (var c : callers.entrySet()) {
        send(op, op.method(), path, c.getValue(), type, body);
        Map<String, String> other = new LinkedHashMap<>(c.getValue());
        other.put("X-Workspace-Id", UUID.randomUUID().toString());
        send(op, op.method(), path, other, type, body);
      }
      if (UNSAFE.contains(op.method())) {
        send(op, op.method(), path, sessionWithoutCsrf, type, body);
      }
    }
  }

  private void send(
      ApiResources.Operation op,
      String method,
      String path,
      Map<String, String> headers,
      String contentType,
      byte[] body) {
    HttpRequest request;
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base() + path))
              .timeout(Duration.ofSeconds(60))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(b::header);
      if (contentType != null) {
        b.header("Content-Type", contentType);
      }
      request = b.build();
    } catch (IllegalArgumentException unsendable) {
      return; // the client refuses the URI or a header: nothing reaches the server
    }
    HttpResponse<byte[]> r;
    try {
      sent++;
      try {
        r = EndpointFuzzIT.send(request);
      } catch (IOException closedUnderUs) {
        // A connection the server closed after answering early: once more on a new connection,
        // and without a large body that it may refuse before reading.
        r =
            EndpointFuzzIT.send(
                body != null && body.length > EndpointFuzzIT.LARGE_BODY
                    ? HttpRequest.newBuilder(request, (n, v) -> true)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build()
                    : request);
      }
    } catch (IOException e) {
      throw new AssertionError("no answer to " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    int status = r.statusCode();
    // A 405 means a generated path reached another route (an empty id makes
    // /exports/{jobId} the POST-only /exports): an answer of that route, not of this operation.
    if (status >= 400 && status < 500 && status != 405) {
      String who =
          headers.containsKey("X-API-Key")
              ? "a key"
              : headers.containsKey("Cookie") ? "a session" : "anonymous";
      String example =
          method
              + " "
              + (path.length() > 120 ? path.substring(0, 120) + "…" : path)
              + " as "
              + who
              + (contentType == null ? "" : " with " + contentType);
      observed.computeIfAbsent(key(op), k -> new TreeMap<>()).putIfAbsent(status, example);
    }
  }

  private static String key(ApiResources.Operation op) {
    return op.method() + " " + op.path();
  }

  static JsonNode document() throws Exception {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/openapi.json")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    // Kept for a reader of the test run (target/ is the service module's build directory).
    java.nio.file.Files.writeString(java.nio.file.Path.of("target/openapi.json"), r.body());
    return JSON.readTree(r.body());
  }

  private static String base() {
    return "http://127.0.0.1:" + APP.getLocalPort();
  }

  static Set<String> codes(JsonNode responses) {
    Set<String> out = new TreeSet<>();
    responses.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
