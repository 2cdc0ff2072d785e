package dev.minirag.jobs;

/**
 * A long operation's report line, for services that run inside a job or without one (a CLI command
 * passes {@link #NONE}).
 */
public interface Progress {
  Progress NONE =
      new Progress() {
        @Override
        public void report(long done, long total) {}

        @Override
        public void checkCanceled() {}
      };

  void report(long done, long total);

  /** Throws {@link JobCanceledException} when the work should stop. */
  void checkCanceled();
}
