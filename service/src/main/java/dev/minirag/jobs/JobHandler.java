package dev.minirag.jobs;

/**
 * Runs the jobs of one kind. Delivery is at least once: a job whose node died is run again from the
 * start on another node, so {@link #run} must be idempotent (commit its effect in one transaction,
 * or skip work already done). Throw {@link JobFailure} for a failure the user may read; anything
 * else is logged and recorded as a generic failure. Either is retried with backoff until the job's
 * attempts are used up.
 */
public interface JobHandler {
  JobKind kind();

  /**
   * @return a small JSON object (or null) shown as the job's result
   */
  Object run(Job job, JobContext ctx) throws Exception;

  /**
   * Called once when the job ends canceled, whether it was still waiting or stopped while running
   * (not when a node merely lost the job to another). E.g. a source whose embedding was canceled
   * says so instead of staying pending.
   */
  default void canceled(Job job) {}
}
