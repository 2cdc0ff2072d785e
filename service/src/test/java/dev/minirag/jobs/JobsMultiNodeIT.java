package dev.minirag.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.JarNode;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real worker nodes (the packaged jar, one process each, one job worker each) and a fourth
 * that only serves ({@code INGEST_WORKERS=0}), on one database: jobs spread over the worker nodes,
 * none is claimed twice and the serving node runs none; the node running a large embedding is
 * killed (SIGKILL) and another node takes the job over once its lease runs out and finishes it,
 * storing every chunk exactly once; a node stopped cleanly mid-job hands the job back at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsMultiNodeIT {
  static final String SECRET = TestApp.randomSecret();
  static final long LEASE_MILLIS = 3000;

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  static final List<JarNode> nodes = new ArrayList<>();
  static JarNode server;
  static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static Jdbi jdbi;
  static String key;

  @BeforeAll
  static void cluster() throws Exception {
    Map<String, String> env =
        Map.of(
            "INGEST_WORKERS", "1",
            "INGEST_INLINE_CHUNK_LIMIT", "0", // every document is embedded by a job
            "JOBS_LEASE_DURATION", LEASE_MILLIS + "ms",
            "JOBS_POLL_INTERVAL", "200ms",
            "EMBEDDING_BATCH_SIZE", "8");
    for (String name : List.of("node-a", "node-b", "node-c")) {
      nodes.add(JarNode.start(name, DB, SECRET, work, env));
    }
    Map<String, String> serveOnly = new java.util.HashMap<>(env);
    serveOnly.put("INGEST_WORKERS", "0");
    server = JarNode.start("node-serving", DB, SECRET, work, serveOnly);
    for (JarNode n : nodes) {
      n.awaitHealthy(180);
    }
    server.awaitHealthy(180);
    jdbi = Jdbi.create(DB.dataSource());
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    User owner = f.signIn("cluster@example.test");
    key = f.key(owner.defaultWorkspaceId(), "cluster", List.of("read", "write"));
  }

  @AfterAll
  static void stop() throws Exception {
    for (JarNode n : nodes) {
      n.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void jobsSpreadOverTheNodesAndNoneIsClaimedTwice() throws Exception {
    List<UUID> jobs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // Each node is asked in turn, so each wakes its own worker for the job it queued; the serving
      // node queues every fourth job and must leave it to the others.
      JarNode asked = i % 4 == 3 ? server : nodes.get(i % 4);
      jobs.add(addText(asked, "Field guide " + i, paragraphs("field guide " + i, 6)));
    }
    awaitFinished(jobs, 240);

    List<Map<String, Object>> rows =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT id, status, attempts, lease_owner FROM jobs WHERE id = ANY(:ids)")
                    .bind("ids", jobs.toArray(UUID[]::new))
                    .mapToMap()
                    .list());
    assertThat(rows)
        .hasSize(12)
        .allSatisfy(
            r -> {
              assertThat(r.get("status")).isEqualTo("succeeded");
              assertThat(r.get("attempts")).as("claimed exactly once").isEqualTo(1);
            });
    Map<Object, Long> perNode =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    r -> pidOf((String) r.get("lease_owner")),
                    TreeMap::new,
                    Collectors.counting()));
    System.out.println("Jobs per node (pid -> jobs): " + perNode);
    assertThat(perNode.size())
        .as("jobs ran on more than one node: " + perNode)
        .isGreaterThanOrEqualTo(2);
    assertThat(perNode.keySet())
        .allSatisfy(pid -> assertThat(nodes.stream().map(JarNode::pid)).contains((Long) pid));
    assertThat(perNode)
        .as("the node with INGEST_WORKERS=0 ran nothing")
        .doesNotContainKey(server.pid());
    // Every source's chunks are stored once: as many rows as the source counts, one per ordinal.
    String wrong =
        one(
            """
        SELECT count(*)::text FROM sources s
        WHERE s.status <> 'ready' OR s.chunk_count <> (SELECT count(DISTINCT ordinal) FROM chunks c WHERE c.source_id = s.id)
           OR s.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.source_id = s.id)
        """,
            null);
    assertThat(wrong).isEqualTo("0");
  }

  @Test
  @Order(2)
  void aKilledNodesJobIsFinishedByAnotherNodeAfterItsLeaseRunsOut() throws Exception {
    UUID job = addText(nodes.get(1), "Atlas of tides", paragraphs("tide atlas", 160));
    Map<String, Object> running =
        awaitRow(
            job,
            r ->
                "running".equals(r.get("status"))
                    && ((Number) r.get("progress_done")).longValue() > 0,
            120);
    long victimPid = pidOf((String) running.get("lease_owner"));
    JarNode victim = nodes.stream().filter(n -> n.pid() == victimPid).findFirst().orElseThrow();
    long killedAt = System.nanoTime();
    victim.kill();
    System.out.printf(
        "Killed %s (pid %d) at %s of %s chunks%n",
        victim.name(), victimPid, running.get("progress_done"), running.get("progress_total"));

    Map<String, Object> takenOver =
        awaitRow(
            job,
            r -> r.get("lease_owner") != null && pidOf((String) r.get("lease_owner")) != victimPid,
            60);
    double takeover = (System.nanoTime() - killedAt) / 1e9;
    Map<String, Object> done =
        awaitRow(
            job, r -> !"running".equals(r.get("status")) && !"queued".equals(r.get("status")), 240);
    double finished = (System.nanoTime() - killedAt) / 1e9;
    System.out.printf(
        "Job taken over %.1f s after the kill (lease %d ms), finished after %.1f s%n",
        takeover, LEASE_MILLIS, finished);

    assertThat(takeover)
        .as("not before the lease ran out")
        .isGreaterThanOrEqualTo((LEASE_MILLIS - 1000) / 1000.0);
    assertThat(takenOver.get("attempts")).isEqualTo(2);
    assertThat(done.get("status")).as(victim.log()).isEqualTo("succeeded");
    assertThat(done.get("attempts")).isEqualTo(2);
    assertThat(pidOf((String) done.get("lease_owner"))).isNotEqualTo(victimPid);
    // The killed attempt committed nothing: the survivor embedded every chunk, and each is stored
    // once.
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree((String) done.get("result"))
                .get("embedded")
                .asInt())
        .isEqualTo(160);
    UUID source = (UUID) done.get("subject_id");
    assertThat(
            one(
                "SELECT count(*) || '/' || count(DISTINCT ordinal) FROM chunks WHERE source_id = :s",
                source))
        .isEqualTo("160/160");
    assertThat(one("SELECT status || '/' || chunk_count FROM sources WHERE id = :s", source))
        .isEqualTo("ready/160");
  }

  @Test
  @Order(3)
  void aNodeStoppedCleanlyMidJobHandsItBackAtOnce() throws Exception {
    List<JarNode> workers = nodes.stream().filter(JarNode::alive).toList();
    assertThat(workers).hasSize(2);
    UUID job = addText(workers.get(0), "Almanac of winds", paragraphs("wind almanac", 160));
    Map<String, Object> running =
        awaitRow(
            job,
            r ->
                "running".equals(r.get("status"))
                    && ((Number) r.get("progress_done")).longValue() > 0,
            120);
    long stoppedPid = pidOf((String) running.get("lease_owner"));
    JarNode stopped = workers.stream().filter(n -> n.pid() == stoppedPid).findFirst().orElseThrow();
    stopped.close(); // SIGTERM: Dropwizard stops its lifecycle, the workers hand their jobs back

    Map<String, Object> done =
        awaitRow(
            job, r -> "succeeded".equals(r.get("status")) || "failed".equals(r.get("status")), 240);
    assertThat(done.get("status")).isEqualTo("succeeded");
    assertThat(pidOf((String) done.get("lease_owner"))).isNotEqualTo(stoppedPid);
    assertThat(done.get("attempts")).as("the handed-back attempt is not counted").isEqualTo(1);
    assertThat(stopped.log()).doesNotContain("did not stop within");
    assertThat(
            one(
                "SELECT status || '/' || chunk_count || '/' || (SELECT count(*) FROM chunks c WHERE c.source_id = s.id)"
                    + " FROM sources s WHERE id = :s",
                (UUID) done.get("subject_id")))
        .isEqualTo("ready/160/160");
  }

  static String one(String sql, UUID s) {
    return jdbi.withHandle(
        h -> {
          var q = h.createQuery(sql);
          if (s != null) {
            q.bind("s", s);
          }
          return q.mapTo(String.class).one();
        });
  }

  static long pidOf(String leaseOwner) {
    return Long.parseLong(leaseOwner.substring(0, leaseOwner.indexOf('@')));
  }

  static UUID addText(JarNode node, String title, String text) throws Exception {
    String body =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(Map.of("title", title, "text", text));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(node.url("/api/v1/sources/text")))
                .header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return UUID.fromString(
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(r.body())
            .at("/items/0/jobId")
            .asText());
  }

  /** {@code n} paragraphs of ~950 characters: one chunk each. */
  static String paragraphs(String topic, int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String sentence =
          "Entry " + i + " of the " + topic + " records one more observation from the coast. ";
      text.append(sentence.repeat(950 / sentence.length())).append("\n\n");
    }
    return text.toString();
  }

  static void awaitFinished(List<UUID> jobs, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      long open =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT count(*) FROM jobs WHERE id = ANY(:ids) AND status IN ('queued', 'running')")
                      .bind("ids", jobs.toArray(UUID[]::new))
                      .mapTo(Long.class)
                      .one());
      if (open == 0) {
        return;
      }
      assertThat(System.nanoTime()).as(open + " jobs still open").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  static Map<String, Object> awaitRow(
      UUID job, java.util.function.Predicate<Map<String, Object>> until, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (true) {
      Map<String, Object> row =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT status, attempts, lease_owner, progress_done, progress_total, subject_id, result::text AS result FROM jobs WHERE id = :id")
                      .bind("id", job)
                      .mapToMap()
                      .one());
      if (until.test(row)) {
        return row;
      }
      assertThat(System.nanoTime()).as("job " + job + " last seen " + row).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
