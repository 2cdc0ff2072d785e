package dev.minirag.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.Http;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three nodes on one database share every limit: 60 parallel requests against a limit of 20. */
class LimitsMultiNodeIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  private static final List<DropwizardAppExtension<MiniRagConfiguration>> NODES = new ArrayList<>();
  private static final int REQUESTS = 60;
  private static final int LIMIT = 20;

  @BeforeAll
  static void start() throws Exception {
    for (int i = 0; i < 3; i++) {
      DropwizardAppExtension<MiniRagConfiguration> node = TestApp.create(DB);
      node.before();
      NODES.add(node);
    }
  }

  @AfterAll
  static void stop() {
    NODES.forEach(DropwizardAppExtension::after);
  }

  /**
   * A workspace with one limit set directly in the database, before any node has read its limits.
   */
  private static TestCallers.Owner workspaceWith(String limit) {
    TestCallers.Owner owner = TestCallers.owner(NODES.get(0), DB);
    IdentityFixtures f =
        new IdentityFixtures(DB, NODES.get(0).getConfiguration().getSecurity().getJwtSecret());
    f.exec(
        "INSERT INTO workspace_limits (workspace_id, name, max_value) VALUES (?, ?, ?)",
        owner.workspaceId(),
        limit,
        (long) LIMIT);
    return owner;
  }

  /**
   * Sends request i to node i % 3, all at once; returns how many were answered with each status.
   */
  private static Map<Integer, Long> parallel(
      TestCallers.Owner owner, IntFunction<Callable<Integer>> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        answers.add(pool.submit(request.apply(i)));
      }
      Map<Integer, Long> byStatus = new java.util.TreeMap<>();
      for (Future<Integer> a : answers) {
        byStatus.merge(a.get(2, TimeUnit.MINUTES), 1L, Long::sum);
      }
      return byStatus;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Http node(int i, TestCallers.Owner owner) {
    return new Http(NODES.get(i % NODES.size())).as(owner.headers());
  }

  @Test
  void aDailyLimitHoldsExactlyAcrossNodes() throws Exception {
    TestCallers.Owner owner = workspaceWith("searchesPerDay");
    Map<Integer, Long> byStatus =
        parallel(
            owner,
            i ->
                () ->
                    node(i, owner)
                        .send(
                            "POST",
                            "/api/v1/search",
                            Entity.json(Map.of("query", "q" + i)),
                            Map.of())
                        .getStatus());
    assertThat(byStatus).isEqualTo(Map.of(200, (long) LIMIT, 429, (long) (REQUESTS - LIMIT)));
  }

  @Test
  void aStoredLimitHoldsExactlyAcrossNodes() throws Exception {
    TestCallers.Owner owner = workspaceWith("storedSources");
    Map<Integer, Long> byStatus =
        parallel(
            owner,
            i ->
                () ->
                    node(i, owner)
                        .send(
                            "POST",
                            "/api/v1/sources/text",
                            Entity.json(
                                Map.of(
                                    "title",
                                    "Note " + i,
                                    "text",
                                    "Observation " + i + ": a distinct fact about tide pools.")),
                            Map.of())
                        .getStatus());
    assertThat(byStatus).isEqualTo(Map.of(201, (long) LIMIT, 429, (long) (REQUESTS - LIMIT)));
    IdentityFixtures f =
        new IdentityFixtures(DB, NODES.get(0).getConfiguration().getSecurity().getJwtSecret());
    assertThat(f.count("SELECT count(*) FROM sources WHERE workspace_id = ?", owner.workspaceId()))
        .isEqualTo(LIMIT);
    assertThat(
            f.count(
                "SELECT sources FROM workspace_usage WHERE workspace_id = ?", owner.workspaceId()))
        .isEqualTo(LIMIT);
  }

  @Test
  void theRateLimitHoldsAcrossNodesWithinItsRefill() throws Exception {
    TestCallers.Owner owner = workspaceWith("requestsPerMinute");
    long started = System.nanoTime();
    Map<Integer, Long> byStatus =
        parallel(owner, i -> () -> node(i, owner).get("/api/v1/sources").getStatus());
    double seconds = (System.nanoTime() - started) / 1e9;
    // The bucket refills one request every 3 s (20 a minute): that is the only slack there is.
    long slack = (long) Math.ceil(seconds / 3.0);
    assertThat(byStatus.keySet()).containsOnly(200, 429);
    assertThat(byStatus.get(200)).isBetween((long) LIMIT, LIMIT + slack);
    assertThat(byStatus.get(200) + byStatus.get(429)).isEqualTo(REQUESTS);
  }
}
