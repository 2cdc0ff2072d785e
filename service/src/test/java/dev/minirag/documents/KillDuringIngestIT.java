package dev.minirag.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.JarNode;
import dev.minirag.testing.NodeClient;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar is killed with SIGKILL while clients upload large and small documents to it at
 * once, some embedded inside the request and some by the node's job worker. Restarted on the same
 * database and index directory, it settles every source: each one a client was told about exists
 * and ends {@code ready} with all its chunks stored once, or {@code failed} with none; no job stays
 * open; the usage counters match the stored sources; and the restarted node's index finds every
 * ready source.
 */
class KillDuringIngestIT {
  static final String SECRET = TestApp.randomSecret();
  static final ObjectMapper JSON = new ObjectMapper();
  static final int REQUESTS = 16;

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
  final Map<UUID, String> markers = new ConcurrentHashMap<>();
  final AtomicInteger answered = new AtomicInteger();
  final AtomicInteger cut = new AtomicInteger();

  @Test
  void everySourceAClientWasToldAboutEndsReadyOrEmptyAfterTheNodeIsKilled() throws Exception {
    Map<String, String> env =
        Map.of(
            "INGEST_WORKERS", "1",
            "JOBS_LEASE_DURATION", "3000ms",
            "JOBS_POLL_INTERVAL", "200ms",
            "EMBEDDING_BATCH_SIZE", "8",
            "INDEX_POLL_INTERVAL_MS", "200",
            "INDEX_PATH", work.resolve("index").toString());
    Jdbi jdbi = Jdbi.create(DB.dataSource());
    String key;
    UUID workspace;
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try (JarNode node = JarNode.start("before-kill", DB, SECRET, work, env)) {
      node.awaitHealthy(180);
      IdentityFixtures f = new IdentityFixtures(DB, SECRET);
      User owner = f.signIn("kill-ingest@example.test");
      workspace = owner.defaultWorkspaceId();
      key = f.key(workspace, "kill", List.of("read", "write"));

      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        int n = i;
        sent.add(clients.submit(() -> upload(node, key, n)));
      }
      // Kill once some sources are acknowledged and a job is part-way through its embedding, so
      // the kill lands on committed sources, a running job and requests still in flight.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (!(acknowledged.size() >= 6 && runningJobWithProgress(jdbi))) {
        assertThat(System.nanoTime())
            .as("never had a job part-way and six sources acknowledged:\n" + node.log())
            .isLessThan(deadline);
        Thread.sleep(50);
      }
      node.kill();
      for (Future<?> request : sent) {
        request.get(120, TimeUnit.SECONDS);
      }
      System.out.printf(
          "Killed with %d sources acknowledged, %d requests answered, %d unanswered; sources by status: %s%n",
          acknowledged.size(), answered.get(), cut.get(), statusCounts(jdbi));
    } finally {
      clients.shutdownNow();
    }
    assertThat(cut.get()).as("some requests were in flight when the node died").isPositive();

    long restartedAt = System.nanoTime();
    try (JarNode node = JarNode.start("after-kill", DB, SECRET, work, env)) {
      node.awaitHealthy(180);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      // A source turns ready just before its job is marked finished: wait for both.
      while (openSources(jdbi) > 0 || openJobs(jdbi) > 0) {
        assertThat(System.nanoTime())
            .as("sources or jobs still open: " + statusCounts(jdbi) + "\n" + node.log())
            .isLessThan(deadline);
        Thread.sleep(200);
      }
      System.out.printf(
          "Settled %.1f s after the restart: %s%n",
          (System.nanoTime() - restartedAt) / 1e9, statusCounts(jdbi));

      List<Map<String, Object>> sources =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          """
                          SELECT s.id, s.status, s.chunk_count,
                                 (SELECT count(*) FROM chunks c WHERE c.source_id = s.id) AS stored,
                                 (SELECT count(DISTINCT ordinal) FROM chunks c WHERE c.source_id = s.id) AS ordinals
                          FROM sources s WHERE s.workspace_id = :w
                          """)
                      .bind("w", workspace)
                      .mapToMap()
                      .list());
      assertThat(sources.stream().map(r -> (UUID) r.get("id")))
          .as("nothing acknowledged is lost")
          .containsAll(acknowledged);
      assertThat(sources)
          .allSatisfy(
              r -> {
                long stored = ((Number) r.get("stored")).longValue();
                if ("ready".equals(r.get("status"))) {
                  assertThat(stored).as("chunks of %s", r).isPositive();
                  assertThat(((Number) r.get("chunk_count")).longValue()).isEqualTo(stored);
                  assertThat(((Number) r.get("ordinals")).longValue()).isEqualTo(stored);
                } else {
                  assertThat(r.get("status")).as("%s", r).isEqualTo("failed");
                  assertThat(stored).as("a failed source keeps no chunks: %s", r).isZero();
                }
              });
      assertThat(
              one(
                  jdbi,
                  "SELECT sources * 1000000 + chunks FROM workspace_usage WHERE workspace_id = :w",
                  workspace))
          .as("the usage counters match the stored sources")
          .isEqualTo(
              one(
                  jdbi,
                  "SELECT count(*) * 1000000 + coalesce(sum(chunk_count), 0) FROM sources WHERE workspace_id = :w",
                  workspace));

      // The restarted node's index holds every ready source: its marker word finds it.
      for (Map<String, Object> r : sources) {
        if ("ready".equals(r.get("status")) && markers.containsKey((UUID) r.get("id"))) {
          UUID id = (UUID) r.get("id");
          assertThat(bm25Sources(node, key, markers.get(id))).as("marker of %s", id).contains(id);
        }
      }
      assertThat(node.log()).doesNotContain("OutOfMemoryError");
    }
  }

  /** One request with two files: a large one (embedded by a job) and a small one (inline). */
  private void upload(JarNode node, String key, int n) {
    String boundary = "kill-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String large = marker(n, "large");
    String small = marker(n, "small");
    part(body, boundary, "survey-" + n + ".md", paragraphs(large, 60));
    part(body, boundary, "note-" + n + ".md", paragraphs(small, 3));
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(node.url("/api/v1/sources/files")))
                  .timeout(Duration.ofSeconds(120))
                  .header("X-API-Key", key)
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      answered.incrementAndGet();
      if (r.statusCode() / 100 != 2) {
        return;
      }
      for (JsonNode item : JSON.readTree(r.body()).path("items")) {
        if (item.hasNonNull("sourceId")) {
          UUID id = UUID.fromString(item.get("sourceId").asText());
          acknowledged.add(id);
          markers.put(id, item.path("input").asText().startsWith("survey") ? large : small);
        }
      }
    } catch (java.io.IOException | InterruptedException inFlight) {
      cut.incrementAndGet();
    }
  }

  /** A word that occurs in one document only. */
  private static String marker(int n, String size) {
    return "marker" + size + (char) ('a' + n % 26) + (char) ('a' + n / 26) + "x";
  }

  private static void part(ByteArrayOutputStream body, String boundary, String name, String text) {
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                + name
                + "\"\r\nContent-Type: text/markdown\r\n\r\n"
                + text
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  /** {@code n} paragraphs of ~950 characters (one chunk each), the first naming the marker. */
  private static String paragraphs(String marker, int n) {
    StringBuilder text = new StringBuilder("# Survey " + marker + "\n\n");
    for (int i = 0; i < n; i++) {
      String sentence =
          "Entry " + i + " of survey " + marker + " records one more reading from the estuary. ";
      text.append(sentence.repeat(950 / sentence.length())).append("\n\n");
    }
    return text.toString();
  }

  private static List<UUID> bm25Sources(JarNode node, String key, String word) throws Exception {
    HttpResponse<String> r = new NodeClient(node, key).search(word, "bm25");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<UUID> ids = new ArrayList<>();
    JSON.readTree(r.body())
        .path("hits")
        .forEach(h -> ids.add(UUID.fromString(h.path("sourceId").asText())));
    return ids;
  }

  private static long openJobs(Jdbi jdbi) {
    return one(jdbi, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')", null);
  }

  private static boolean runningJobWithProgress(Jdbi jdbi) {
    return one(
            jdbi, "SELECT count(*) FROM jobs WHERE status = 'running' AND progress_done > 0", null)
        > 0;
  }

  private static long openSources(Jdbi jdbi) {
    return one(jdbi, "SELECT count(*) FROM sources WHERE status IN ('pending', 'embedding')", null);
  }

  private static Map<String, Long> statusCounts(Jdbi jdbi) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT status, count(*) AS n FROM sources GROUP BY status")
                .mapToMap()
                .forEach(r -> counts.put((String) r.get("status"), (Long) r.get("n"))));
    return counts;
  }

  private static long one(Jdbi jdbi, String sql, UUID w) {
    return jdbi.withHandle(
        h -> {
          var q = h.createQuery(sql);
          if (w != null) {
            q.bind("w", w);
          }
          return q.mapTo(Long.class).one();
        });
  }
}
