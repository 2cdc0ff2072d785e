package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.JarNode;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving node (the packaged jar, a real process) whose Lucene index is damaged under it: its
 * directory deleted, then replaced by a file so that no rebuild can succeed for a while. The node
 * never restarts; health names the problem while it lasts; hybrid searches keep answering from the
 * vector leg, BM25-only searches get a 503 with Retry-After; once the index can be written again it
 * is rebuilt from PostgreSQL and answers exactly as before.
 */
class IndexDamageIT {
  static final String SECRET = TestApp.randomSecret();
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aDamagedIndexIsReportedAndRebuiltWhileTheNodeServes() throws Exception {
    try (JarNode node =
        JarNode.start("node", DB, SECRET, work, Map.of("INDEX_POLL_INTERVAL_MS", "200"))) {
      node.awaitHealthy(180);
      IdentityFixtures f = new IdentityFixtures(DB, SECRET);
      User owner = f.signIn("index-damage@example.test");
      String key = f.key(owner.defaultWorkspaceId(), "damage", List.of("read", "write"));
      for (int i = 0; i < 12; i++) {
        HttpResponse<String> added =
            post(
                node,
                key,
                "/api/v1/sources/text",
                Map.of(
                    "title",
                    "Note " + i,
                    "text",
                    "Observation " + i + ": the river otter dives for crayfish near the weir."));
        assertThat(added.statusCode()).as(added.body()).isBetween(200, 202);
      }
      JsonNode bm25Before = hitIds(search(node, key, "bm25"));
      JsonNode hybridBefore = hitIds(search(node, key, "hybrid"));
      assertThat(bm25Before.size()).isEqualTo(10);
      Path index = work.resolve("node-index");

      // 1. The directory is deleted while the node serves: it notices and rebuilds by itself.
      // (The open reader may keep answering from the deleted files until the rebuild replaces it,
      // so the rebuild is awaited in the log, not inferred from the answers.)
      deleteTree(index);
      awaitLog(node, "rebuilt after damage", 60);
      assertThat(node.log()).contains("is damaged");
      awaitBm25(node, key, bm25Before, 60);
      assertThat(
              await(() -> indexCheck(node), c -> c.path("healthy").asBoolean(), 30)
                  .path("healthy")
                  .asBoolean())
          .isTrue();

      // 2. A file where the directory was: no rebuild can succeed until it goes.
      putFileAt(index);
      JsonNode check = await(() -> indexCheck(node), c -> !c.path("healthy").asBoolean(), 60);
      assertThat(check.path("message").asText()).contains("cannot be rebuilt yet");
      HttpResponse<String> hybrid = search(node, key, "hybrid");
      assertThat(hybrid.statusCode()).as(hybrid.body()).isEqualTo(200);
      JsonNode degraded = JSON.readTree(hybrid.body());
      assertThat(degraded.path("mode").asText()).isEqualTo("dense");
      assertThat(degraded.path("degraded").asText()).contains("keyword search is unavailable");
      HttpResponse<String> bm25 = search(node, key, "bm25");
      assertThat(bm25.statusCode()).as(bm25.body()).isEqualTo(503);
      assertThat(bm25.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(JSON.readTree(bm25.body()).path("message").asText())
          .contains("Keyword search is unavailable");
      // Still failing a few polls later, and the process is still the same one: no crash loop.
      Thread.sleep(1000);
      assertThat(indexCheck(node).path("healthy").asBoolean()).isFalse();
      assertThat(node.alive()).isTrue();

      // 3. Space for the index again: rebuilt, healthy, the same answers as before the damage.
      Files.delete(index);
      awaitBm25(node, key, bm25Before, 60);
      assertThat(
              await(() -> indexCheck(node), c -> c.path("healthy").asBoolean(), 30)
                  .path("healthy")
                  .asBoolean())
          .isTrue();
      assertThat(hitIds(search(node, key, "hybrid"))).isEqualTo(hybridBefore);
      assertThat(node.log()).doesNotContain("OutOfMemoryError");
    }
  }

  private static void awaitLog(JarNode node, String line, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!node.log().contains(line) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(node.log()).contains(line);
  }

  private void awaitBm25(JarNode node, String key, JsonNode expected, int seconds)
      throws Exception {
    JsonNode ids =
        await(
            () -> {
              HttpResponse<String> r = search(node, key, "bm25");
              return r.statusCode() == 200 ? hitIds(r) : JSON.nullNode();
            },
            expected::equals,
            seconds);
    assertThat(ids).as(node.log()).isEqualTo(expected);
  }

  private JsonNode indexCheck(JarNode node) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(node.url("/api/v1/health"))).build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).path("checks").path("index");
  }

  private HttpResponse<String> search(JarNode node, String key, String mode) throws Exception {
    return post(node, key, "/api/v1/search", Map.of("query", "otter crayfish weir", "mode", mode));
  }

  private static JsonNode hitIds(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(r.body()).path("hits").forEach(h -> ids.add(h.path("chunkId").asText()));
    return JSON.valueToTree(ids);
  }

  private HttpResponse<String> post(JarNode node, String key, String path, Object body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.url(path)))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("X-API-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  interface Probe {
    JsonNode get() throws Exception;
  }

  private static JsonNode await(Probe probe, Predicate<JsonNode> done, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonNode last = probe.get();
    while (!done.test(last) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      last = probe.get();
    }
    return last;
  }

  /**
   * The node may recreate the directory between a delete and a write: retry until the file is in.
   */
  private static void putFileAt(Path index) throws Exception {
    Path file = Files.writeString(index.resolveSibling("not-a-directory"), "not a directory");
    for (int attempt = 0; ; attempt++) {
      deleteTree(index);
      try {
        Files.move(file, index);
        return;
      } catch (java.nio.file.FileAlreadyExistsException recreated) {
        assertThat(attempt).as("the node keeps recreating its directory").isLessThan(50);
      }
    }
  }

  /**
   * The serving node's writer may add or merge away files while the tree is walked, so a file can
   * vanish under the walk or appear before its directory goes: walk again until the root is gone.
   */
  private static void deleteTree(Path root) throws Exception {
    for (int attempt = 0; Files.exists(root); attempt++) {
      assertThat(attempt).as("the node keeps writing into " + root).isLessThan(50);
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (java.nio.file.NoSuchFileException
          | java.nio.file.DirectoryNotEmptyException
          | java.io.UncheckedIOException raced) {
        // Walked or deleted while the node wrote; the next walk sees the new state.
      }
    }
  }
}
