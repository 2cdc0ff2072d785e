package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Api;
import dev.minirag.testing.Http;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes on one database, a lost index directory, and a source left half-done by a crash.
 */
class MultiNodeIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @TempDir static Path nodeOneIndex;
  private static Map<String, String> credentials;

  @Test
  void nodesAnswerTheSameAndALostIndexIsRebuilt() throws Exception {
    DropwizardAppExtension<MiniRagConfiguration> one = node(nodeOneIndex);
    DropwizardAppExtension<MiniRagConfiguration> two = TestApp.create(DB);
    one.before();
    two.before();
    List<JsonNode> before;
    try {
      // Both nodes share the database, so one key works on either.
      Map<String, String> key = TestCallers.owner(one, DB).headers();
      credentials = key;
      Api api1 = new Api(new Http(one).as(key));
      Api api2 = new Api(new Http(two).as(key));
      for (int i = 0; i < 12; i++) {
        api1.addText(
            "Note " + i,
            "Observation "
                + i
                + ": the river otter dives for crayfish near the weir, day "
                + i
                + ".");
      }
      api1.addText("Unrelated", "Granite forms when magma cools slowly underground.");
      for (String mode : List.of("bm25", "dense", "hybrid")) {
        JsonNode a = hits(api1, mode);
        JsonNode b = hits(api2, mode);
        assertThat(a.size()).as(mode).isEqualTo(10);
        assertThat(b).as(mode + ": node two, which ingested nothing itself").isEqualTo(a);
      }
      before = List.of(hits(api1, "bm25"), hits(api1, "hybrid"));
    } finally {
      two.after();
      one.after();
    }

    // The node's index directory is lost; on start it rebuilds from PostgreSQL and answers the
    // same.
    try (Stream<Path> files = Files.walk(nodeOneIndex)) {
      files
          .sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(nodeOneIndex))
          .forEach(p -> p.toFile().delete());
    }
    DropwizardAppExtension<MiniRagConfiguration> restarted = node(nodeOneIndex);
    restarted.before();
    try {
      Api api = new Api(new Http(restarted).as(credentials));
      assertThat(List.of(hits(api, "bm25"), hits(api, "hybrid"))).isEqualTo(before);
    } finally {
      restarted.after();
    }
  }

  @Test
  void aSourceLeftUnfinishedByACrashIsResumedOnStart() throws Exception {
    DropwizardAppExtension<MiniRagConfiguration> app = TestApp.create(DB);
    app.before();
    String id;
    Map<String, String> key;
    try {
      key = TestCallers.owner(app, DB).headers();
      id =
          new Api(new Http(app).as(key))
              .addText("Crash test", "Penguins huddle together to survive the Antarctic winter.");
    } finally {
      app.after();
    }
    // What a process killed between committing the source and writing its chunks leaves behind.
    Jdbi jdbi = Jdbi.create(DB.dataSource());
    jdbi.useHandle(
        h -> {
          h.execute("DELETE FROM chunks WHERE source_id = CAST(? AS uuid)", id);
          h.execute(
              "UPDATE sources SET status = 'embedding', embedded_count = 0 WHERE id = CAST(? AS uuid)",
              id);
        });

    DropwizardAppExtension<MiniRagConfiguration> restarted = TestApp.create(DB);
    restarted.before();
    try {
      Api api = new Api(new Http(restarted).as(key));
      JsonNode source = null;
      for (int i = 0; i < 100; i++) {
        source = api.get("/api/v1/sources/" + id, 200);
        if (source.get("status").asText().equals("ready")) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(source.get("status").asText()).isEqualTo("ready");
      assertThat(source.get("chunks")).hasSize(1);
      assertThat(
              api.post("/api/v1/search", Map.of("query", "penguins huddle", "mode", "bm25"), 200)
                  .at("/hits/0/sourceId")
                  .asText())
          .isEqualTo(id);
    } finally {
      restarted.after();
    }
  }

  private static DropwizardAppExtension<MiniRagConfiguration> node(Path indexDir) {
    return TestApp.create(MiniRagApplication.class, DB, Map.of("index.path", indexDir.toString()));
  }

  /** The ranked hits without timings, which differ between calls. */
  private static JsonNode hits(Api api, String mode) {
    JsonNode result =
        api.post(
            "/api/v1/search", Map.of("query", "otter crayfish weir", "k", 10, "mode", mode), 200);
    List<String> ids = new ArrayList<>();
    result.get("hits").forEach(h -> ids.add(h.get("chunkId").asText()));
    assertThat(ids).doesNotHaveDuplicates();
    return result.get("hits");
  }
}
