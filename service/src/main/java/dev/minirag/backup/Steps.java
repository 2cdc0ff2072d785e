package dev.minirag.backup;

/**
 * Counts handled lines; every {@value #EVERY} lines and at every entry it reports progress and
 * gives the caller a chance to cancel.
 */
final class Steps {
  static final int EVERY = 500;

  private final Progress progress;
  private final long total;
  private long done;

  Steps(Progress progress, long total) {
    this.progress = progress;
    this.total = total;
  }

  void step() {
    if (++done % EVERY == 0) {
      progress.checkCanceled();
      progress.report(done, total);
    }
  }

  /**
   * At the start of each pass over an entry, so even a small archive can be cancelled between
   * entries.
   */
  void checkpoint() {
    progress.checkCanceled();
    progress.report(done, total);
  }

  long done() {
    return done;
  }
}
