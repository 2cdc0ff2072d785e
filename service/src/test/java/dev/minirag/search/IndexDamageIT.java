package dev.minirag.search;

import static dev.minirag.testing.NodeClient.JSON;
import static dev.minirag.testing.NodeClient.await;
import static dev.minirag.testing.NodeClient.hitIds;
import static dev.minirag.testing.NodeClient.logWithin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.JarNode;
import dev.minirag.testing.NodeClient;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving node (the packaged jar, a real process) whose Lucene index is damaged under it: a
 * segment file corrupted in place, its directory deleted, then replaced by a file so that no
 * rebuild can succeed for a while. The node never restarts; health names the problem while it
 * lasts; hybrid searches keep answering from the vector leg, BM25-only searches get a 503 with
 * Retry-After; once the index can be written again it is rebuilt from PostgreSQL and answers
 * exactly as before.
 */
class IndexDamageIT {
  static final String SECRET = TestApp.randomSecret();
  static final String QUERY = "otter crayfish weir";

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  @Test
  void aDamagedIndexIsReportedAndRebuiltWhileTheNodeServes() throws Exception {
    try (JarNode node =
        JarNode.start(
            "node",
            DB,
            SECRET,
            work,
            Map.of("INDEX_POLL_INTERVAL_MS", "200", "INDEX_VERIFY_INTERVAL_MS", "500"))) {
      node.awaitHealthy(180);
      IdentityFixtures f = new IdentityFixtures(DB, SECRET);
      User owner = f.signIn("index-damage@example.test");
      NodeClient client =
          new NodeClient(
              node, f.key(owner.defaultWorkspaceId(), "damage", List.of("read", "write")));
      for (int i = 0; i < 12; i++) {
        client.addText(
            "Note " + i,
            "Observation " + i + ": the river otter dives for crayfish near the weir.");
      }
      JsonNode bm25Before = hitIds(client.search(QUERY, "bm25"));
      JsonNode hybridBefore = hitIds(client.search(QUERY, "hybrid"));
      assertThat(bm25Before.size()).isEqualTo(10);
      Path index = work.resolve("node-index");

      // 0. Bytes of a segment file overwritten in place, under the node's memory map: the periodic
      // checksum pass finds it and the index is rebuilt.
      // A merge may replace the file before the pass reads it (twelve one-note segments are just
      // over what the merge policy keeps); the bytes then land in a file no reader uses, and the
      // new largest file is corrupted instead.
      for (int attempt = 1; !node.log().contains("rebuilt after damage"); attempt++) {
        assertThat(attempt).as("corruption attempts never found: " + node.log()).isLessThan(4);
        corruptLargestFile(index);
        logWithin(node, "rebuilt after damage", 20);
      }
      assertThat(node.log()).contains("CorruptIndexException");
      awaitBm25(client, bm25Before, 60);
      assertThat(hitIds(client.search(QUERY, "hybrid"))).isEqualTo(hybridBefore);
      int rebuilt = occurrences(node.log(), "rebuilt after damage");

      // 1. The directory is deleted while the node serves: it notices and rebuilds by itself.
      // (The open reader may keep answering from the deleted files until the rebuild replaces it,
      // so the rebuild is awaited in the log, not inferred from the answers.)
      deleteTree(index);
      awaitRebuilds(node, rebuilt + 1, 60);
      assertThat(node.log()).contains("is damaged");
      awaitBm25(client, bm25Before, 60);
      assertThat(
              await(() -> client.healthCheck("index"), c -> c.path("healthy").asBoolean(), 30)
                  .path("healthy")
                  .asBoolean())
          .isTrue();

      // 2. A file where the directory was: no rebuild can succeed until it goes.
      putFileAt(index);
      JsonNode check =
          await(() -> client.healthCheck("index"), c -> !c.path("healthy").asBoolean(), 60);
      assertThat(check.path("message").asText()).contains("cannot be rebuilt yet");
      HttpResponse<String> hybrid = client.search(QUERY, "hybrid");
      assertThat(hybrid.statusCode()).as(hybrid.body()).isEqualTo(200);
      JsonNode degraded = JSON.readTree(hybrid.body());
      assertThat(degraded.path("mode").asText()).isEqualTo("dense");
      assertThat(degraded.path("degraded").asText()).contains("keyword search is unavailable");
      HttpResponse<String> bm25 = client.search(QUERY, "bm25");
      assertThat(bm25.statusCode()).as(bm25.body()).isEqualTo(503);
      assertThat(bm25.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(JSON.readTree(bm25.body()).path("message").asText())
          .contains("Keyword search is unavailable");
      // Still failing a few polls later, and the process is still the same one: no crash loop.
      Thread.sleep(1000);
      assertThat(client.healthCheck("index").path("healthy").asBoolean()).isFalse();
      assertThat(node.alive()).isTrue();

      // 3. Space for the index again: rebuilt, healthy, the same answers as before the damage.
      Files.delete(index);
      awaitBm25(client, bm25Before, 60);
      assertThat(
              await(() -> client.healthCheck("index"), c -> c.path("healthy").asBoolean(), 30)
                  .path("healthy")
                  .asBoolean())
          .isTrue();
      assertThat(hitIds(client.search(QUERY, "hybrid"))).isEqualTo(hybridBefore);
      assertThat(node.log()).doesNotContain("OutOfMemoryError");
    }
  }

  /** Waits until a BM25 search answers {@code expected}, and asserts it does. */
  static void awaitBm25(NodeClient client, JsonNode expected, int seconds) throws Exception {
    JsonNode ids =
        await(
            () -> {
              HttpResponse<String> r = client.search(QUERY, "bm25");
              return r.statusCode() == 200 ? hitIds(r) : JSON.nullNode();
            },
            expected::equals,
            seconds);
    assertThat(ids).isEqualTo(expected);
  }

  /** Flips 64 bytes in the middle of the index's largest file, writing into the same inode. */
  private static void corruptLargestFile(Path index) throws Exception {
    Path largest;
    try (Stream<Path> files = Files.list(index)) {
      largest =
          files
              .filter(p -> !p.getFileName().toString().startsWith("segments"))
              .filter(p -> !p.getFileName().toString().endsWith(".lock"))
              .max(Comparator.comparingLong(p -> p.toFile().length()))
              .orElseThrow();
    }
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(largest.toFile(), "rw")) {
      long at = f.length() / 2;
      byte[] bytes = new byte[64];
      f.seek(at);
      f.readFully(bytes);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) ~bytes[i];
      }
      f.seek(at);
      f.write(bytes);
    }
  }

  private static int occurrences(String text, String word) {
    return text.split(java.util.regex.Pattern.quote(word), -1).length - 1;
  }

  private static void awaitRebuilds(JarNode node, int count, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (occurrences(node.log(), "rebuilt after damage") < count
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(occurrences(node.log(), "rebuilt after damage"))
        .as(node.log())
        .isGreaterThanOrEqualTo(count);
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
