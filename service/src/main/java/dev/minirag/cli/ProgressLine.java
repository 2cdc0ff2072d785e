package dev.minirag.cli;

import dev.minirag.backup.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A long command's progress on stderr: done of total, the rate and the time left, at most once a
 * second and always for the last unit, one line each, so it reads the same in a terminal and in a
 * log file.
 */
final class ProgressLine implements Progress {
  private static final long EVERY_NANOS = 1_000_000_000L;

  private final String command;
  private final String unit;
  private final PrintStream err;
  private final long started = System.nanoTime();
  private long lastPrinted = Long.MIN_VALUE;

  ProgressLine(String command, String unit, PrintStream err) {
    this.command = command;
    this.unit = unit;
    this.err = err;
  }

  @Override
  public void report(long done, long total) {
    long now = System.nanoTime();
    if (done < total && lastPrinted != Long.MIN_VALUE && now - lastPrinted < EVERY_NANOS) {
      return;
    }
    lastPrinted = now;
    err.println(line(command, unit, done, total, now - started));
  }

  @Override
  public void checkCanceled() {}

  /** {@code "export: 300/1200 (25%) 150.0 lines/s, ETA 6s"}. */
  static String line(String command, String unit, long done, long total, long elapsedNanos) {
    double rate = done / Math.max(elapsedNanos / 1e9, 1e-3);
    long eta = rate == 0 ? 0 : Math.round(Math.max(total - done, 0) / rate);
    long percent = total <= 0 ? 100 : Math.min(100, done * 100 / total);
    return String.format(
        Locale.ROOT,
        "%s: %d/%d (%d%%) %.1f %s/s, ETA %ds",
        command,
        done,
        total,
        percent,
        rate,
        unit,
        eta);
  }
}
