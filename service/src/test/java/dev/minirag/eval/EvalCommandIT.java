package dev.minirag.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CI smoke of {@code eval}: a few hundred documents through the real ingestion and search. */
class EvalCommandIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @Test
  void tinyFixtureScoresEveryModeAndRemovesItsWorkspace() throws Exception {
    Path json = Files.createTempFile("eval-tiny-", ".json");
    JsonNode r =
        Commands.run(
            DB,
            "eval",
            json,
            "--data",
            Commands.tiny().toString(),
            "--fusion",
            "convex,rrf",
            "--dense-weights",
            "0.5");
    assertThat(r.path("dataset").asText()).isEqualTo("beir-tiny");
    assertThat(r.path("queries").asInt()).isEqualTo(4);
    assertThat(r.path("ingest").path("sources").asInt()).isEqualTo(12);
    for (String mode : new String[] {"bm25", "dense", "hybrid"}) {
      JsonNode m = r.path("modes").path(mode);
      assertThat(m.path("ndcg@10").asDouble()).as(mode).isBetween(0.5, 1.0);
      // BM25 cannot find d1 for q1 (no shared term); the vector leg can.
      assertThat(m.path("recall@100").asDouble())
          .as(mode)
          .isEqualTo(mode.equals("bm25") ? 0.75 : 1.0);
      assertThat(m.required("degradedQueries").asInt()).as(mode).isZero();
    }
    assertThat(r.path("sweep").has("hybrid-rrf")).isTrue();
    assertThat(r.path("sweep").has("hybrid-convex-0.5")).isTrue();
    assertThat(r.path("config").path("embeddingModel").asText()).isEqualTo("all-minilm-l6-v2-q");
    try (Connection c = DB.dataSource().getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM chunks)")) {
      rs.next();
      assertThat(rs.getLong(1))
          .as("the temporary workspace's sources and chunks are gone")
          .isZero();
    }
  }

  @Test
  void sciFactSampleThroughTheProductPath() throws Exception {
    Path data = Commands.dataset();
    Path json = Files.createTempFile("eval-sample-", ".json");
    JsonNode r =
        Commands.run(
            DB,
            "eval",
            json,
            "--data",
            data.toString(),
            "--sample-queries",
            "25",
            "--sample-docs",
            "175");
    assertThat(r.path("ingest").required("failed").asInt()).isZero();
    assertThat(r.path("modes").path("bm25").path("ndcg@10").asDouble()).isGreaterThan(0.5);
    assertThat(r.path("modes").path("hybrid").path("ndcg@10").asDouble()).isGreaterThan(0.5);
    assertThat(r.path("modes").path("dense").required("degradedQueries").asInt()).isZero();
  }
}
