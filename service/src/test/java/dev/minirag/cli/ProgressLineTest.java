package dev.minirag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  @Test
  void saysDoneOfTotalTheRateAndTheTimeLeft() {
    assertThat(ProgressLine.line("export", "lines", 300, 1200, 2_000_000_000L))
        .isEqualTo("export: 300/1200 (25%) 150.0 lines/s, ETA 6s");
    assertThat(ProgressLine.line("import", "lines", 0, 0, 0)).startsWith("import: 0/0 (100%)");
  }

  @Test
  void printsTheFirstAndTheLastUnitButNotEveryOneBetween() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine progress =
        new ProgressLine("reembed", "chunks", new PrintStream(bytes, true, StandardCharsets.UTF_8));
    for (int done = 1; done <= 1000; done++) {
      progress.report(done, 1000);
    }
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    // A thousand reports within well under a second: the first and the last are printed.
    assertThat(lines).hasSizeBetween(2, 5);
    assertThat(lines[0]).startsWith("reembed: 1/1000 (0%)");
    assertThat(lines[lines.length - 1]).startsWith("reembed: 1000/1000 (100%)");
  }
}
