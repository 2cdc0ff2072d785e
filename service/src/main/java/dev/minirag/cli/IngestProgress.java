package dev.minirag.cli;

import dev.minirag.documents.IngestOutcome;
import dev.minirag.documents.ItemResult;
import java.io.PrintStream;

/**
 * The ingest command's progress on stderr: inputs done of the total, the rate and the time left.
 * One line per input, so it reads the same in a terminal and in a log file.
 */
final class IngestProgress {
  private final int total;
  private final PrintStream err;
  private final long started = System.nanoTime();
  private int done;

  IngestProgress(int total, PrintStream err) {
    this.total = total;
    this.err = err;
  }

  void done(String input) {
    done++;
    err.println(
        ProgressLine.line("ingest", "inputs", done, total, System.nanoTime() - started)
            + "  "
            + input);
  }

  void finish() {
    err.printf("ingest: %d inputs in %.1fs%n", done, (System.nanoTime() - started) / 1e9);
  }

  /** One input's outcome as a person reads it. */
  static String describe(ItemResult r) {
    if (r.isFailed()) {
      return "failed     " + r.input() + ": " + r.error();
    }
    if (r.status() == IngestOutcome.DUPLICATE) {
      return "duplicate  " + r.input() + " (of source " + r.sourceId() + ")";
    }
    return "accepted   "
        + r.input()
        + " (source "
        + r.sourceId()
        + (r.jobId() != null ? ", job " + r.jobId() : "")
        + ")";
  }
}
