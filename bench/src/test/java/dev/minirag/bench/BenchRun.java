package dev.minirag.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.eval.Commands;
import dev.minirag.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a bench command through the entry bench/fresh.sh uses: {@link BenchApplication} with the
 * service jar and this module's jar on the class path, in its own JVM, with the real config.yml.
 */
final class BenchRun {

  private BenchRun() {}

  static JsonNode run(TestDatabase db, String command, Path json, String... args) throws Exception {
    Path benchJar = Path.of(System.getProperty("bench.jar", "target/mini-rag-bench.jar"));
    assertThat(benchJar)
        .as("the bench jar (built by package, before the integration tests)")
        .exists();
    return Commands.run(
        List.of(benchJar.toAbsolutePath()),
        BenchApplication.class.getName(),
        db,
        command,
        json,
        args);
  }
}
