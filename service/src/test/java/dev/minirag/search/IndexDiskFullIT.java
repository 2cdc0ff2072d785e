package dev.minirag.search;

import static dev.minirag.testing.NodeClient.JSON;
import static dev.minirag.testing.NodeClient.await;
import static dev.minirag.testing.NodeClient.hitIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.JarNode;
import dev.minirag.testing.NodeClient;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under a serving node's Lucene index fills up (a real file system of its own: a small
 * tmpfs, which is why the test mounts one and so runs as root, as this project's test machines do).
 * Sources keep being stored in PostgreSQL; health names the full disk; the node stays up without
 * retrying faster than its poll interval; when space returns the index catches up and finds what
 * was added meanwhile.
 */
class IndexDiskFullIT {
  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path work;

  @Test
  void aFullIndexDiskIsReportedAndTheIndexCatchesUpWhenSpaceReturns() throws Exception {
    assertThat(System.getProperty("user.name"))
        .as("mounting the small file system this test fills needs root")
        .isEqualTo("root");
    Path disk = Files.createDirectories(work.resolve("disk"));
    run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString());
    try {
      try (JarNode node =
          JarNode.start(
              "node",
              DB,
              SECRET,
              work,
              Map.of(
                  "INDEX_POLL_INTERVAL_MS",
                  "200",
                  "INDEX_PATH",
                  disk.resolve("index").toString()))) {
        node.awaitHealthy(180);
        exercise(node, disk);
      }
    } finally {
      run("umount", "-l", disk.toString());
    }
  }

  private void exercise(JarNode node, Path disk) throws Exception {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    User owner = f.signIn("disk-full@example.test");
    NodeClient client =
        new NodeClient(node, f.key(owner.defaultWorkspaceId(), "disk", List.of("read", "write")));
    for (int i = 0; i < 5; i++) {
      client.addText("Before " + i, "Log " + i + ": the heron waits by the sluice for eels.");
    }
    JsonNode before = awaitHits(client, "heron sluice", 5);

    Path filler = disk.resolve("filler");
    fill(filler);
    for (int i = 0; i < 5; i++) {
      client.addText("During " + i, "Log " + i + ": the kingfisher perches over the millpond.");
    }
    JsonNode check =
        await(() -> client.healthCheck("index"), c -> !c.path("healthy").asBoolean(), 60);
    assertThat(check.path("healthy").asBoolean()).as(node.log()).isFalse();
    assertThat(check.path("message").asText()).as(node.log()).contains("disk is full");
    // Searches cannot bring this node's index up to date: keyword search says so (503), hybrid
    // search answers from the vector leg alone and says that.
    HttpResponse<String> bm25 = client.search("kingfisher millpond", "bm25");
    assertThat(bm25.statusCode()).as(bm25.body()).isEqualTo(503);
    assertThat(bm25.headers().firstValue("Retry-After")).hasValue("5");
    HttpResponse<String> hybrid = client.search("kingfisher millpond", "hybrid");
    assertThat(hybrid.statusCode()).as(hybrid.body()).isEqualTo(200);
    assertThat(JSON.readTree(hybrid.body()).path("degraded").asText())
        .contains("keyword search is unavailable");

    // A few seconds full: same process, still reported, and retried at most once per poll with
    // one log line each after the first report (no stack-trace flood).
    int linesBefore = node.log().split("\n").length;
    Thread.sleep(3000);
    assertThat(node.alive()).isTrue();
    assertThat(client.healthCheck("index").path("message").asText()).contains("disk is full");
    int added = node.log().split("\n").length - linesBefore;
    assertThat(added).as("log lines in 3 s of a full disk:\n" + node.log()).isLessThan(30);

    Files.delete(filler);
    awaitHits(client, "kingfisher millpond", 5);
    assertThat(
            await(() -> client.healthCheck("index"), c -> c.path("healthy").asBoolean(), 30)
                .path("healthy")
                .asBoolean())
        .isTrue();
    assertThat(hitIds(client.search("heron sluice", "bm25"))).isEqualTo(before);
  }

  /** Waits until a BM25 search finds {@code count} chunks; returns their ids. */
  private static JsonNode awaitHits(NodeClient client, String query, int count) throws Exception {
    JsonNode ids =
        await(
            () -> {
              HttpResponse<String> r = client.search(query, "bm25");
              return r.statusCode() == 200 ? hitIds(r) : JSON.nullNode();
            },
            h -> h.size() == count,
            60);
    assertThat(ids.size()).as("hits for " + query + ": " + ids).isEqualTo(count);
    return ids;
  }

  /** Writes until the file system refuses another byte. */
  private static void fill(Path filler) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).contains("No space left");
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
  }
}
