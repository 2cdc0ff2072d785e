package dev.minirag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.eval.Commands;
import dev.minirag.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CI smoke of {@code soak}: two server processes under a short mixed load, one killed part-way. The
 * command itself fails (non-zero exit) on any failed request, an inconsistent node or a check that
 * did not run; this also reads its report.
 */
class SoakSmokeIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @Test
  void twoNodesCarryAMixedLoadAndOneIsKilled() throws Exception {
    Path json = Files.createTempFile("soak-smoke-", ".json");
    JsonNode r =
        BenchRun.run(
            DB,
            "soak",
            json,
            "--data",
            Commands.tiny().toString(),
            "--nodes",
            "2",
            "--seconds",
            "30",
            "--rate",
            "4",
            "--docs",
            "20",
            "--node-heap",
            "384m");
    assertThat(r.path("failures").size()).as(r.toPrettyString()).isZero();
    assertThat(r.path("errors").asInt()).isZero();
    for (String route :
        List.of(
            "POST /api/v1/search",
            "POST /api/v1/ask",
            "GET /api/v1/sources",
            "POST /api/v1/sources/text")) {
      JsonNode stats = r.path("routes").path(route);
      assertThat(stats.path("ok").asInt()).as(route).isPositive();
      assertThat(stats.path("p99Ms").asDouble()).as(route).isPositive();
    }
    JsonNode samples = r.path("samples");
    assertThat(samples.path("killed").path("node").asText()).isEqualTo("node-2");
    assertThat(samples.path("consistency").path("checks").asInt()).isPositive();
    assertThat(samples.path("heap").path("node-1").path("afterGcMiBBySecond").size())
        .isGreaterThanOrEqualTo(2);
    assertThat(samples.path("databaseConnections").size()).isGreaterThanOrEqualTo(2);
    for (JsonNode c : samples.path("databaseConnections")) {
      assertThat(c.path("connections").asLong()).as(c.toString()).isPositive();
    }
  }
}
