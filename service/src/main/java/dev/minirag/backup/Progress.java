package dev.minirag.backup;

/**
 * How a long export or import reports progress and learns it should stop. A job runner passes its
 * own (progress to the job row, cancel from the job's state); requests and commands pass {@link
 * #NONE}.
 */
public interface Progress {

  /** {@code done} of {@code total} units (archive lines) handled so far. */
  void report(long done, long total);

  /** Throws {@link java.util.concurrent.CancellationException} when the work should stop now. */
  void checkCanceled();

  Progress NONE =
      new Progress() {
        @Override
        public void report(long done, long total) {}

        @Override
        public void checkCanceled() {}
      };
}
