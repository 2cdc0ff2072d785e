package dev.minirag.documents;

import dev.minirag.common.ApiException;
import dev.minirag.documents.fetch.FetchException;
import dev.minirag.jobs.Job;
import dev.minirag.jobs.JobContext;
import dev.minirag.jobs.JobFailure;
import dev.minirag.jobs.JobHandler;
import dev.minirag.jobs.JobKind;
import java.util.Map;

/**
 * Re-syncs one URL or YouTube source. Safe to run again: a re-run finds the content it wrote
 * unchanged. A failure keeps the stored content searchable; a site that is down is retried with
 * backoff, a page that is gone or refused is not.
 */
public class ResyncJobHandler implements JobHandler {
  private final SourceResync resync;
  private final SourceDao sources;

  public ResyncJobHandler(SourceResync resync, SourceDao sources) {
    this.resync = resync;
    this.sources = sources;
  }

  @Override
  public JobKind kind() {
    return JobKind.RESYNC;
  }

  /**
   * A site down, slow or busy may recover; a page that is gone, refused or unusable will not by
   * waiting.
   */
  static boolean retryable(ApiException e) {
    if (e instanceof FetchException f && f.upstreamStatus().isPresent()) {
      int upstream = f.upstreamStatus().getAsInt();
      return upstream >= 500 || upstream == 429 || upstream == 408;
    }
    return e.status() >= 500 || e.status() == 429;
  }

  @Override
  public Object run(Job job, JobContext ctx) {
    try {
      return resync
          .run(job.workspaceId(), job.subjectId(), ctx.asProgress(), Integer.MAX_VALUE)
          .asMap();
    } catch (ApiException e) {
      if (e.status() == 404) {
        return Map.of("outcome", "gone"); // deleted since it was queued
      }
      boolean retry = retryable(e);
      if (!retry || job.attempts() >= job.maxAttempts()) {
        sources.checkFailed(job.workspaceId(), job.subjectId());
      }
      // Fetch and extraction messages are written for the user and name only the host.
      String reason =
          e.messageIsPublic() || e.status() == 502 || e.status() == 504
              ? e.getMessage()
              : "the re-sync failed; the server log has the details for job " + job.id();
      throw new JobFailure(reason + " (the stored content is kept)", retry, e);
    }
  }
}
