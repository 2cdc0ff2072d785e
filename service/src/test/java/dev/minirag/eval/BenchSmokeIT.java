package dev.minirag.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CI smoke of {@code bench}: every part, tiny sizes, loopback only, its own throwaway database. */
class BenchSmokeIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @Test
  void allPartsRunAndReportTheirRatios() throws Exception {
    Path json = Files.createTempFile("bench-smoke-", ".json");
    JsonNode r = Commands.run(DB, "bench", json, "--data", Commands.dataset().toString(), "--parts", "ingest,http,scale",
        "--docs", "120", "--requests", "20", "--concurrency", "1,4", "--scale-chunks", "3000", "--scale-queries", "10");
    assertThat(r.path("ingest").path("pipelineOverRaw").asDouble()).isPositive();
    assertThat(r.path("ingest").path("pipeline").path("failed").asInt()).isZero();
    for (String c : new String[] {"c1", "c4"}) {
      JsonNode level = r.path("queries").path(c);
      assertThat(level.path("httpSearch").path("p99Ms").asDouble()).as(c).isPositive();
      assertThat(level.path("httpAsk").path("p99Ms").asDouble()).as(c).isPositive();
      assertThat(level.path("inProcessSearch").path("p99Ms").asDouble()).as(c).isPositive();
    }
    JsonNode scale = r.path("scale");
    assertThat(scale.path("label").asText()).startsWith("SYNTHETIC");
    assertThat(scale.path("hnswRecallAt10").path("recallAt10").asDouble()).isGreaterThan(0.5);
    assertThat(scale.path("sizes").path("hnswIndexMiB").asLong()).isNotNegative();
    assertThat(scale.path("memory").path("rssMiB").asLong()).isPositive();
  }
}
