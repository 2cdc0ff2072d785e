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
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile input for every endpoint: each operation Jersey serves, as an anonymous caller, a read
 * key and a write key, with bad ids, nasty query values, wrong JSON types, edge-case strings,
 * malformed JSON, wrong content types and broken multipart. Pass: no 5xx, every error in the one
 * error shape, the service healthy afterwards, and nothing written by requests nobody was allowed
 * to make.
 *
 * <p>A seeded generator rather than jqwik or Jazzer: the app under test lives in a JUnit Jupiter
 * extension, which jqwik's engine cannot host, and what matters here is breadth over every route,
 * not coverage-guided depth inside one parser (the extraction parsers have their own
 * pathological-input tests). The seed is printed; {@code -Dfuzz.seed=N} replays a run, {@code
 * -Dfuzz.seed=random} and {@code -Dfuzz.rounds=N} explore further. Every input that once failed is
 * kept in {@code fuzz/regressions.tsv} and replayed first.
 */
class EndpointFuzzIT {

  static final String SECRET = TestApp.randomSecret();

  /**
   * Fixed by default so CI is repeatable; {@code -Dfuzz.seed=random} explores, any number replays.
   */
  static final long SEED =
      "random".equals(System.getProperty("fuzz.seed"))
          ? System.nanoTime()
          : Long.getLong("fuzz.seed", 20261205L);

  static final int ROUNDS_PER_OPERATION = Integer.getInteger("fuzz.rounds", 140);

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          // No job workers: nothing changes the tables between requests, so a change seen across
          // a refused request was made by that request.
          Map.of("security.jwtSecret", SECRET, "limits.enabled", "false", "ingest.workers", "0"));

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** A body this large may still be on its way when the server answers early. */
  static final int LARGE_BODY = 64 * 1024;

  /** Sends and waits at most 70 s for the whole answer, whatever the client's own timers do. */
  static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    try {
      return CLIENT
          .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
          .get(70, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof IllegalArgumentException bad) {
        throw bad;
      }
      throw new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("no answer within 70 s", e);
    }
  }

  /** Tables a refused request must never change. */
  static final List<String> TABLES =
      List.of(
          "organizations",
          "users",
          "workspaces",
          "memberships",
          "sources",
          "chunks",
          "api_keys",
          "source_documents");

  record Caller(String name, Map<String, String> headers) {}

  /** One generated request: enough to replay it exactly. */
  record Input(String caller, String method, String path, String contentType, byte[] body) {
    String corpusLine() {
      return String.join(
          "\t",
          caller,
          method,
          path,
          contentType == null ? "-" : contentType,
          Base64.getEncoder().encodeToString(body == null ? new byte[0] : body));
    }

    static Input parse(String line) {
      String[] f = line.split("\t", -1);
      return new Input(
          f[0], f[1], f[2], f[3].equals("-") ? null : f[3], Base64.getDecoder().decode(f[4]));
    }
  }

  static IdentityFixtures f;
  static Map<String, Caller> callers = new LinkedHashMap<>();
  static UUID ownWorkspace;

  @BeforeAll
  static void callers() {
    f = new IdentityFixtures(DB, SECRET);
    f.signIn("root@fuzz.test");
    User owner = f.signIn("owner@fuzz.test");
    ownWorkspace = owner.defaultWorkspaceId();
    callers.put("anonymous", new Caller("anonymous", Map.of()));
    callers.put(
        "read", new Caller("read", Api.key(f.key(ownWorkspace, "fuzz-read", List.of("read")))));
    callers.put(
        "write", new Caller("write", Api.key(f.key(ownWorkspace, "fuzz-write", List.of("write")))));
  }

  private final List<String> failures = new ArrayList<>();
  private int sent;
  private int retried;
  private int earlyAnswered;
  private final java.util.zip.CRC32 inputs = new java.util.zip.CRC32();

  @Test
  void noInputMakesTheServiceFail() throws Exception {
    List<ApiResources.Operation> ops =
        ApiResources.operations(APP.getEnvironment()).stream()
            .filter(op -> !op.method().equals("HEAD") && !op.method().equals("OPTIONS"))
            .toList();
    assertThat(ops)
        .as("operations found in Jersey's resource model")
        .extracting(op -> op.method() + " " + op.path())
        .contains("POST /v1/search", "POST /v1/sources/text", "GET /v1/sources/{id}");
    System.out.printf("Endpoint fuzzing: seed %d (replay with -Dfuzz.seed=%d)%n", SEED, SEED);
    for (Input input : regressions()) {
      check(input);
    }

    // Anonymous first: nothing it sends may change a table.
    Map<String, Long> before = counts();
    Random random = new Random(SEED);
    Generator gen = new Generator(random, ownWorkspace);
    for (int round = 0; round < ROUNDS_PER_OPERATION / 3; round++) {
      for (ApiResources.Operation op : ops) {
        check(gen.input("anonymous", op));
      }
    }
    assertThat(counts()).as("tables after anonymous requests").isEqualTo(before);

    // With keys: whatever a refused request (4xx) was, it changed no row of these tables.
    int refusedChecked = 0;
    try (Handle db = f.jdbi.open()) { // one connection: a new one per request would cost more
      long state = fingerprint(db);
      for (int round = 0; round < ROUNDS_PER_OPERATION; round++) {
        for (ApiResources.Operation op : ops) {
          Input input = gen.input(round % 2 == 0 ? "read" : "write", op);
          int status = check(input);
          long after = fingerprint(db);
          if (status >= 400) {
            refusedChecked++;
            if (after != state) {
              failures.add(
                  "refused with " + status + " but changed a table: " + input.corpusLine());
            }
          }
          state = after;
        }
      }
    }
    System.out.printf(
        "Endpoint fuzzing: %d refused requests with keys, each checked to change no row%n",
        refusedChecked);
    assertThat(refusedChecked).isPositive();
    HttpResponse<String> health =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/v1/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    System.out.printf(
        "Endpoint fuzzing: %d operations, %d requests (%d resent after a closed connection, %d large bodies"
            + " answered before they were read, checked again without the body), %d failures;"
            + " inputs' CRC-32 %08x (the same for the same seed)%n",
        ops.size(), sent, retried, earlyAnswered, failures.size(), inputs.getValue());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(failures).isEmpty();
    assertThat(sent).isGreaterThanOrEqualTo(Math.min(10_000, ops.size() * ROUNDS_PER_OPERATION));
  }

  /** Sends one input and records what is wrong with the answer; its status, or -1 if unsent. */
  private int check(Input input) {
    sent++;
    // The workspace's id is new each run; the rest of an input comes from the seed alone.
    inputs.update(
        input
            .corpusLine()
            .replace(ownWorkspace.toString(), "{own}")
            .getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r;
    try {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base() + input.path()))
              .timeout(Duration.ofSeconds(60))
              .method(
                  input.method(),
                  input.body() == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(input.body()));
      callers.get(input.caller()).headers().forEach(b::header);
      if (input.contentType() != null) {
        b.header("Content-Type", input.contentType());
      }
      HttpRequest request = b.build();
      try {
        r = send(request);
      } catch (IOException closedUnderUs) {
        // A pooled connection the server had just closed (it closes after refusing an unread body
        // or a bad request line): the client's race, not an answer. Once more on a new connection.
        retried++;
        try {
          r = send(request);
        } catch (IOException again) {
          if (input.body() == null || input.body().length <= LARGE_BODY) {
            throw again;
          }
          // A large body still being written when the server answered early (a 401 before reading
          // it, a bad request line) and closed: this client then fails to read the answer. The
          // route must still answer the same request without its body.
          earlyAnswered++;
          r =
              send(
                  HttpRequest.newBuilder(request, (name, value) -> true)
                      .method(input.method(), HttpRequest.BodyPublishers.noBody())
                      .build());
        }
      }
    } catch (IllegalArgumentException e) {
      return -1; // the client itself refuses to send it (e.g. a malformed URI): nothing reached
      // the server
    } catch (IOException e) {
      failures.add("no answer (" + e + ") to " + input.corpusLine());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    String problem = problem(r);
    if (problem != null) {
      failures.add(
          problem
              + ": "
              + input.method()
              + " "
              + input.path()
              + "\n  corpus line: "
              + input.corpusLine());
    }
    return r.statusCode();
  }

  /** What is wrong with the answer, or null. */
  private static String problem(HttpResponse<byte[]> r) {
    int status = r.statusCode();
    if (status >= 500) {
      return "status " + status + " " + new String(r.body(), StandardCharsets.UTF_8);
    }
    if (status < 400) {
      return null;
    }
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("application/json")) {
      return "error " + status + " is " + type + ", not JSON";
    }
    try {
      JsonNode body = JSON.readTree(r.body());
      // Strict reads: asText() makes a JSON null message "null" (not blank), and a missing
      // requestId "" (equal to a missing header's default).
      String requestId = r.headers().firstValue("X-Request-Id").orElse(null);
      String message = body.path("message").textValue();
      if (body.path("code").asInt() != status
          || message == null
          || message.isBlank()
          || requestId == null
          || !requestId.equals(body.path("requestId").textValue())) {
        return "error " + status + " not in the error shape: " + body;
      }
    } catch (IOException e) {
      return "error " + status + " body is not JSON";
    }
    return null;
  }

  /**
   * Every row's version of the tables a refused request must leave alone (the sum of their xmin
   * changes with any insert, update or delete); for API keys, which record their last use on every
   * request, their number and revocations.
   */
  private static long fingerprint(Handle db) {
    // One round trip for all tables: this runs after every request.
    StringBuilder sql =
        new StringBuilder(
            "SELECT hashtext(concat_ws(',', (SELECT count(*) || ':' || count(revoked_at) FROM api_keys)");
    for (String table : TABLES) {
      if (!table.equals("api_keys")) {
        sql.append(", (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM ")
            .append(table)
            .append(")");
      }
    }
    return db.createQuery(sql.append("))").toString()).mapTo(Long.class).one();
  }

  private static Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, f.count("SELECT count(*) FROM " + table));
    }
    return counts;
  }

  private static List<Input> regressions() throws IOException {
    try (InputStream in = EndpointFuzzIT.class.getResourceAsStream("/fuzz/regressions.tsv")) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(Input::parse)
          .toList();
    }
  }

  private static String base() {
    return "http://127.0.0.1:" + APP.getLocalPort();
  }
}
