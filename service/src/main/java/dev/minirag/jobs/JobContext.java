package dev.minirag.jobs;

/** What a running handler may tell or ask the queue. */
public interface JobContext {

  /** Progress for the API and console; written at most about once a second. */
  void progress(long done, long total);

  /**
   * True once someone asked to cancel, or this node lost the job's lease (another node has it now).
   */
  boolean canceled();

  /** Throws {@link JobCanceledException} when {@link #canceled()}; call between units of work. */
  default void checkCanceled() {
    if (canceled()) {
      throw new JobCanceledException();
    }
  }

  /** The same context as a {@link Progress} callback, for services that do not know about jobs. */
  default Progress asProgress() {
    return new Progress() {
      @Override
      public void report(long done, long total) {
        progress(done, total);
      }

      @Override
      public void checkCanceled() {
        JobContext.this.checkCanceled();
      }
    };
  }
}
