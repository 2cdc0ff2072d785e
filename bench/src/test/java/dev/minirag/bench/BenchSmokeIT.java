package dev.minirag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.eval.Commands;
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
    JsonNode r =
        BenchRun.run(
            DB,
            "bench",
            json,
            "--data",
            Commands.dataset().toString(),
            "--parts",
            "ingest,http,overhead,limits,tracing,scale",
            "--docs",
            "120",
            "--requests",
            "20",
            "--concurrency",
            "1,4",
            "--overhead-warm-up-rounds",
            "2",
            "--scale-chunks",
            "3000",
            "--scale-queries",
            "10",
            "--scale-ef-search",
            "40,100",
            "--scale-storage",
            "vector,halfvec",
            "--scale-ivfflat-lists",
            "4",
            "--scale-ivfflat-probes",
            "1,4",
            "--scale-scan-rows",
            "10,200");
    assertThat(r.path("ingest").path("pipelineOverRaw").asDouble()).isPositive();
    JsonNode ingest = r.path("ingest");
    assertThat(ingest.path("failed").isInt()).isTrue();
    assertThat(ingest.required("failed").asInt()).isZero();
    assertThat(ingest.path("storedChunks").asLong())
        .isEqualTo(ingest.path("chunks").asLong())
        .isPositive();
    assertThat(ingest.path("rawChunksPerSecondBefore").asDouble()).isPositive();
    assertThat(ingest.path("rawChunksPerSecondAfter").asDouble()).isPositive();
    assertThat(ingest.path("warmUp").size()).isBetween(1, 6);
    assertThat(ingest.path("warmUp").get(0).path("documents").asInt()).isEqualTo(120);
    assertThat(ingest.path("jitSeconds").path("pipeline").isNumber()).isTrue();
    for (String c : new String[] {"c1", "c4"}) {
      JsonNode level = r.path("queries").path(c);
      assertThat(level.path("httpSearch").path("p99Ms").asDouble()).as(c).isPositive();
      assertThat(level.path("httpAsk").path("p99Ms").asDouble()).as(c).isPositive();
      assertThat(level.path("inProcessSearch").path("p99Ms").asDouble()).as(c).isPositive();
    }
    JsonNode limits = r.path("limits");
    assertThat(limits.path("roundP99MsOn").size()).isEqualTo(5);
    assertThat(limits.path("roundP99MsOff").size()).isEqualTo(5);
    assertThat(limits.path("p99MsOn").asDouble()).isPositive();
    assertThat(limits.path("p99OnOverOff").asDouble()).isPositive();
    JsonNode tracing = r.path("tracing");
    assertThat(tracing.path("roundP99MsOn").size()).isEqualTo(20);
    assertThat(tracing.path("roundP99MsOff").size()).isEqualTo(20);
    assertThat(tracing.path("p99MsOff").asDouble()).isPositive();
    assertThat(tracing.path("p99OnOverOff").asDouble()).isPositive();
    // The on legs really exported spans to the run's OTLP sink.
    assertThat(tracing.path("otlpExports").asLong()).isPositive();
    assertThat(tracing.path("otlpBytes").asLong()).isPositive();
    for (String c : new String[] {"c1", "c4"}) {
      JsonNode overhead = r.path("overhead").path(c);
      assertThat(overhead.path("http").path("roundThroughputPerSecond").size()).as(c).isEqualTo(10);
      assertThat(overhead.path("warmUp").size()).as(c).isBetween(1, 2);
      assertThat(overhead.path("inProcess").path("cpuMsPerRequest").asDouble()).as(c).isPositive();
      assertThat(overhead.path("http").path("cpuMsPerRequestServerThreads").asDouble())
          .as(c)
          .isPositive();
      assertThat(overhead.path("throughputHttpOverInProcess").asDouble()).as(c).isPositive();
    }
    JsonNode scale = r.path("scale");
    assertThat(scale.path("label").asText()).startsWith("SYNTHETIC");
    for (String storage : new String[] {"vector", "halfvec"}) {
      JsonNode st = scale.path("storages").path(storage);
      JsonNode recall = st.path("hnswRecallAt10");
      // Each ef_search with each walk (the rule's walk at 3,000 chunks is the 10 rows asked for).
      assertThat(recall.findValuesAsText("efSearch")).containsExactly("40", "40", "100", "100");
      assertThat(recall.findValuesAsText("scanRows")).containsExactly("10", "200", "10", "200");
      for (int i = 0; i < 4; i += 2) {
        // A walk past ef_search sees a superset of what the shorter one saw, re-sorted exactly.
        assertThat(recall.get(i + 1).path("recallAt10").asDouble())
            .as(storage)
            .isGreaterThanOrEqualTo(recall.get(i).path("recallAt10").asDouble());
      }
      for (JsonNode row : recall) {
        assertThat(row.path("recallAt10").asDouble()).as(storage).isGreaterThan(0.5);
        // Every exact top-10 hit is within 1 % of the 10th distance, so this can only be higher.
        assertThat(row.required("epsilonRecallAt10").asDouble())
            .as(storage)
            .isGreaterThanOrEqualTo(row.path("recallAt10").asDouble());
      }
      assertThat(st.path("sizes").required("hnswIndexMiB").asLong()).isNotNegative();
      JsonNode c4 = st.path("search").path("ef100").path("c4");
      assertThat(c4.path("http").path("p99Ms").asDouble()).as(storage).isPositive();
      assertThat(c4.path("throughputHttpOverInProcess").asDouble()).as(storage).isPositive();
      // The legs are measured after a warm-up: at least one round, at most the two asked for.
      assertThat(c4.path("warmUp").size()).as(storage).isBetween(1, 2);
      assertThat(c4.path("inProcess").path("meanPhaseMs").path("total").asDouble())
          .as(storage)
          .isPositive();
      assertThat(
              st.path("search")
                  .path("ef100")
                  .path("c1")
                  .path("bm25InProcess")
                  .path("p50Ms")
                  .asDouble())
          .as(storage)
          .isPositive();
    }
    JsonNode ivfflat = scale.path("ivfflat");
    assertThat(ivfflat.path("lists").asInt()).isEqualTo(4);
    assertThat(ivfflat.path("recallAt10").findValuesAsText("probes")).containsExactly("1", "4");
    assertThat(ivfflat.path("recallAt10").findValuesAsText("plan")).containsOnly("ivfflat");
    // All four lists probed is an exact search.
    assertThat(ivfflat.path("recallAt10").get(1).path("recallAt10").asDouble()).isEqualTo(1.0);
    assertThat(scale.path("memory").path("rssMiB").asLong()).isPositive();
  }
}
