package dev.minirag.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.JarNode;
import dev.minirag.testing.OwnPostgres;
import dev.minirag.testing.TestApp;
import dev.minirag.users.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again under load, with a real node (the packaged jar) on a cluster
 * of the test's own: requests that need the database during the outage fail fast with a 503 in the
 * error shape (request id, Retry-After, nothing internal), health reports the outage and the
 * recovery, the node serves again without a restart (its index poller and job worker too), and
 * every source is either whole and ready or absent.
 */
class DatabaseRestartIT {
  static final String SECRET = TestApp.randomSecret();
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
  static final int RECOVERY_SECONDS = 15;

  @RegisterExtension static final OwnPostgres PG = new OwnPostgres();
  @TempDir static Path work;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Call(
      String op,
      long startedNanos,
      long endedNanos,
      int status,
      String body,
      Map<String, List<String>> headers,
      Throwable failure) {
    boolean ok() {
      return failure == null && status >= 200 && status < 300;
    }

    @Override
    public String toString() {
      return op + " " + (failure != null ? failure : status + " " + body);
    }
  }

  record HealthSample(long started, long ended, boolean databaseHealthy, int status, String body) {}

  @Test
  void requestsFailWith503WhileTheDatabaseIsDownAndTheNodeRecoversByItself() throws Exception {
    try (JarNode node =
        JarNode.start(
            "node",
            PG.database(),
            SECRET,
            work,
            Map.of(
                "INDEX_POLL_INTERVAL_MS", "200",
                "INGEST_INLINE_CHUNK_LIMIT", "1", // longer texts are embedded by a job
                "JOBS_POLL_INTERVAL", "200ms"))) {
      node.awaitHealthy(180);
      try {
        restartUnderLoad(node);
      } finally {
        // Kept for reading after a failure (the work directory goes with the test).
        Files.writeString(
            TestApp.repoRoot().resolve("service/target/DatabaseRestartIT-node.log"), node.log());
      }
    }
  }

  private void restartUnderLoad(JarNode node) throws Exception {
    IdentityFixtures f = new IdentityFixtures(PG.database(), SECRET);
    User owner = f.signIn("pg-restart@example.test");
    String key = f.key(owner.defaultWorkspaceId(), "restart", List.of("read", "write"));
    Jdbi jdbi = f.jdbi;
    for (int i = 0; i < 3; i++) {
      assertThat(ingest(node, key, "warm-" + i, false).ok()).isTrue();
    }

    ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<HealthSample> health = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger seq = new AtomicInteger();
    ExecutorService load = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 3; t++) {
      load.submit(
          () -> {
            while (running.get()) {
              int n = seq.incrementAndGet();
              calls.add(
                  switch (n % 3) {
                    case 0 -> search(node, key);
                    case 1 -> ingest(node, key, "load-" + n, n % 4 == 1);
                    default -> get(node, key, "list", "/api/v1/sources?limit=5");
                  });
              pause(50);
            }
            return null;
          });
    }
    load.submit(
        () -> {
          while (running.get()) {
            Call c = get(node, null, "health", "/api/v1/health");
            boolean db =
                c.failure == null
                    && JSON.readTree(c.body)
                        .path("checks")
                        .path("database")
                        .path("healthy")
                        .asBoolean();
            health.add(new HealthSample(c.startedNanos, c.endedNanos, db, c.status, c.body));
            pause(250);
          }
          return null;
        });

    Thread.sleep(2000);
    long stopping = System.nanoTime();
    PG.stop();
    long down = System.nanoTime();
    Thread.sleep(4000);
    long starting = System.nanoTime();
    PG.start();
    long up = System.nanoTime();
    // Load goes on until it has succeeded for a while after the restart, at most
    // RECOVERY_SECONDS.
    long recovered = awaitRecovery(calls, up);
    Thread.sleep(2000);
    running.set(false);
    load.shutdown();
    assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    List<Call> all = new ArrayList<>(calls);
    String summary = summary(all);
    assertThat(recovered)
        .as("requests succeed again within %d s of the restart: %s", RECOVERY_SECONDS, summary)
        .isPositive();
    System.out.printf(
        "DatabaseRestartIT: %s; outage %d ms, recovered %d ms after the server was up%n",
        summary, (starting - down) / 1_000_000, (recovered - up) / 1_000_000);

    all.stream()
        .filter(c -> c.startedNanos > up && !c.ok())
        .forEach(
            c ->
                System.out.printf(
                    "after the restart, +%d ms: %s%n", (c.startedNanos - up) / 1_000_000, c));
    // Nothing hung or broke the connection: every call got an answer within its timeout.
    assertThat(all).filteredOn(c -> c.failure != null).as(node.log()).isEmpty();
    // Before the outage and once recovered, everything succeeds.
    assertThat(all)
        .filteredOn(c -> c.endedNanos < stopping || c.startedNanos > recovered)
        .allMatch(Call::ok, "2xx outside the outage");
    // During it: the outage shows, and every failure is a 503 in the one error shape.
    List<Call> failed = all.stream().filter(c -> !c.ok()).toList();
    assertThat(failed).as("some requests met the outage").isNotEmpty();
    for (Call c : failed) {
      assertThat(c.status).as(c.toString()).isEqualTo(503);
      assertThat(c.headers.get("retry-after")).as(c.toString()).isNotEmpty();
      JsonNode body = JSON.readTree(c.body);
      assertThat(body.path("code").asInt()).as(c.toString()).isEqualTo(503);
      String rid = c.headers.get("x-request-id").get(0);
      assertThat(body.path("requestId").asText()).isEqualTo(rid);
      assertThat(body.path("message").asText())
          .as(c.toString())
          .isNotBlank()
          .doesNotContainIgnoringCase("sql")
          .doesNotContainIgnoringCase("jdbc")
          .doesNotContain("127.0.0.1")
          .doesNotContain("Exception");
      assertThat(c.endedNanos - c.startedNanos).isLessThan(REQUEST_TIMEOUT.toNanos());
    }

    // Health said so: unhealthy while the server was down, healthy again afterwards.
    List<HealthSample> samples = new ArrayList<>(health);
    assertThat(samples).allMatch(s -> s.status == 200, "health always answers 200");
    assertThat(samples)
        .filteredOn(s -> s.started > down && s.ended < starting)
        .isNotEmpty()
        .allMatch(s -> !s.databaseHealthy, "database unhealthy while down");
    // Health is public: it says what is down, never where (no host, port or driver message).
    assertThat(samples)
        .extracting(HealthSample::body)
        .allSatisfy(
            b ->
                assertThat(b)
                    .doesNotContain("127.0.0.1")
                    .doesNotContain("Exception")
                    .doesNotContainIgnoringCase("jdbc"));
    assertThat(samples)
        .filteredOn(s -> s.started > recovered)
        .isNotEmpty()
        .allMatch(s -> s.databaseHealthy, "database healthy after the restart");

    // Every source the service accepted is whole; nothing half-written is left.
    Set<String> accepted =
        all.stream()
            .filter(c -> c.op.startsWith("ingest") && c.ok())
            .map(c -> sourceId(c.body))
            .collect(Collectors.toSet());
    assertThat(accepted).isNotEmpty();
    awaitNoPending(jdbi, 30);
    for (String id : accepted) {
      Map<String, Object> row =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT status, chunk_count, (SELECT count(*) FROM chunks c WHERE"
                              + " c.source_id = s.id) AS stored FROM sources s WHERE id ="
                              + " CAST(:id AS uuid)")
                      .bind("id", id)
                      .mapToMap()
                      .findOne()
                      .orElse(Map.of()));
      assertThat(row).as("source %s", id).containsEntry("status", "ready");
      assertThat(((Number) row.get("stored")).longValue())
          .as("source %s", id)
          .isPositive()
          .isEqualTo(((Number) row.get("chunk_count")).longValue());
    }
    assertThat(
            count(
                jdbi,
                "SELECT count(*) FROM sources s WHERE status <> 'ready' OR chunk_count <>"
                    + " (SELECT count(*) FROM chunks c WHERE c.source_id = s.id)"))
        .as("sources not ready or with missing chunks")
        .isZero();
    assertThat(count(jdbi, "SELECT count(*) FROM jobs WHERE status <> 'succeeded' OR attempts > 1"))
        .as("jobs not done (an attempt the outage interrupted is not the job's failure)")
        .isZero();
    assertThat(
            count(
                jdbi,
                "SELECT count(*) FROM chunks c WHERE NOT EXISTS"
                    + " (SELECT 1 FROM sources s WHERE s.id = c.source_id)"))
        .as("chunks without a source")
        .isZero();

    // The node's background work survived: a new source is found by keyword search (the index
    // poller applied it) and a long one is embedded by the job worker.
    Call inline = ingest(node, key, "after-inline", false);
    Call viaJob = ingest(node, key, "after-job", true);
    assertThat(inline.ok()).as(inline.toString()).isTrue();
    assertThat(viaJob.ok()).as(viaJob.toString()).isTrue();
    awaitNoPending(jdbi, 30);
    HttpResponse<String> found =
        post(node, key, "/api/v1/search", Map.of("query", "after-job", "mode", "bm25", "k", 20));
    assertThat(found.body()).contains(sourceId(viaJob.body)).contains(sourceId(inline.body));

    // A restart while the node is idle: its pooled connections all died with the old server, and
    // none may be handed to a request once the new one answers.
    PG.stop();
    PG.start();
    for (int i = 0; i < 6; i++) {
      Call c =
          i % 2 == 0
              ? get(node, key, "list", "/api/v1/sources?limit=5")
              : ingest(node, key, "idle-" + i, false);
      assertThat(c.ok()).as("request %d after an idle restart: %s", i, c).isTrue();
    }
    assertThat(node.alive()).isTrue();
    assertThat(node.log()).doesNotContain("Exception in thread").doesNotContain("OutOfMemoryError");
  }

  private long awaitRecovery(ConcurrentLinkedQueue<Call> calls, long up) throws Exception {
    long deadline = up + TimeUnit.SECONDS.toNanos(RECOVERY_SECONDS);
    while (System.nanoTime() < deadline) {
      // Recovered once the last three calls of each kind since the server was up succeeded: at the
      // end of the last failure after it (or at the first success, when none failed).
      List<Call> after = calls.stream().filter(c -> c.startedNanos > up).toList();
      long firstOk =
          after.stream()
              .filter(Call::ok)
              .mapToLong(Call::startedNanos)
              .min()
              .orElse(Long.MAX_VALUE);
      boolean steady =
          List.of("search", "ingest", "list").stream()
              .allMatch(
                  op -> {
                    List<Call> ofKind = after.stream().filter(c -> c.op.startsWith(op)).toList();
                    return ofKind.size() >= 3
                        && ofKind.subList(ofKind.size() - 3, ofKind.size()).stream()
                            .allMatch(Call::ok);
                  });
      if (steady) {
        return after.stream()
            .filter(c -> !c.ok())
            .mapToLong(Call::endedNanos)
            .max()
            .orElse(firstOk);
      }
      Thread.sleep(200);
    }
    return -1;
  }

  /**
   * Every source waiting for its embedding job is done within {@code seconds}: less than the job
   * lease (60 s), so a job the outage interrupted must have gone back to the queue by itself.
   */
  private static void awaitNoPending(Jdbi jdbi, int seconds) throws InterruptedException {
    String pending = "SELECT count(*) FROM sources WHERE status IN ('pending', 'embedding')";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && count(jdbi, pending) > 0) {
      Thread.sleep(200);
    }
    assertThat(count(jdbi, pending)).as("sources still waiting after %d s", seconds).isZero();
  }

  private static long count(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private static String summary(List<Call> all) {
    Map<String, Long> byStatus =
        all.stream()
            .collect(
                Collectors.groupingBy(
                    c ->
                        c.op.replaceAll("-.*", "") + ":" + (c.failure != null ? "error" : c.status),
                    TreeMap::new,
                    Collectors.counting()));
    return all.size() + " requests " + byStatus;
  }

  private static String sourceId(String body) {
    try {
      return JSON.readTree(body).path("items").path(0).path("sourceId").asText();
    } catch (Exception e) {
      throw new AssertionError(body, e);
    }
  }

  private Call ingest(JarNode node, String key, String title, boolean long_) {
    StringBuilder text = new StringBuilder();
    int sentences = long_ ? 40 : 3;
    for (int i = 0; i < sentences; i++) {
      text.append("Record ")
          .append(title)
          .append(" line ")
          .append(i)
          .append(": the harbour pilot guided the freighter past the breakwater at dawn. ");
    }
    return call(
        "ingest-" + title,
        key,
        HttpRequest.newBuilder(URI.create(node.url("/api/v1/sources/text")))
            .header("Content-Type", "application/json")
            .POST(body(Map.of("title", title, "text", text.toString()))));
  }

  private Call search(JarNode node, String key) {
    return call(
        "search",
        key,
        HttpRequest.newBuilder(URI.create(node.url("/api/v1/search")))
            .header("Content-Type", "application/json")
            .POST(body(Map.of("query", "harbour pilot breakwater", "mode", "hybrid"))));
  }

  private Call get(JarNode node, String key, String op, String path) {
    return call(op, key, HttpRequest.newBuilder(URI.create(node.url(path))).GET());
  }

  private Call call(String op, String key, HttpRequest.Builder request) {
    if (key != null) {
      request.header("X-API-Key", key);
    }
    long started = System.nanoTime();
    try {
      HttpResponse<String> r =
          http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      return new Call(
          op, started, System.nanoTime(), r.statusCode(), r.body(), r.headers().map(), null);
    } catch (Exception e) {
      return new Call(op, started, System.nanoTime(), -1, "", Map.of(), e);
    }
  }

  private HttpResponse<String> post(JarNode node, String key, String path, Object body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url(path)))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("X-API-Key", key)
            .POST(body(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.BodyPublisher body(Object value) {
    try {
      return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
