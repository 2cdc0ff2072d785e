package dev.minirag.documents;

import dev.minirag.jobs.Job;
import dev.minirag.jobs.JobContext;
import dev.minirag.jobs.JobFailure;
import dev.minirag.jobs.JobHandler;
import dev.minirag.jobs.JobKind;
import java.util.Map;

/**
 * Embeds one stored source; safe to run again (it replaces the source's chunks in one transaction).
 */
public class EmbedJobHandler implements JobHandler {
  private final EmbeddingPipeline pipeline;
  private final SourceDao sources;

  public EmbedJobHandler(EmbeddingPipeline pipeline, SourceDao sources) {
    this.pipeline = pipeline;
    this.sources = sources;
  }

  @Override
  public JobKind kind() {
    return JobKind.EMBED;
  }

  @Override
  public Object run(Job job, JobContext ctx) {
    EmbeddingPipeline.Result r = pipeline.run(job.workspaceId(), job.subjectId(), ctx.asProgress());
    if (r.outcome() == EmbeddingPipeline.Outcome.FAILED) {
      // The source carries the public reason; the log has the details.
      String reason =
          sources
              .find(job.workspaceId(), job.subjectId())
              .map(Source::error)
              .orElse("indexing failed");
      throw new JobFailure(reason, true);
    }
    return Map.of(
        "outcome",
        r.outcome().wire(),
        "chunks",
        r.chunks(),
        "embedded",
        r.embedded(),
        "reused",
        r.reused());
  }

  @Override
  public void canceled(Job job) {
    sources.canceled(
        job.workspaceId(),
        job.subjectId(),
        "embedding was canceled; the document is kept: re-index the workspace to embed it");
  }
}
