package dev.minirag.documents;

import dev.minirag.jobs.Job;
import dev.minirag.jobs.JobContext;
import dev.minirag.jobs.JobHandler;
import dev.minirag.jobs.JobKind;
import dev.minirag.jobs.Progress;
import java.util.List;
import java.util.UUID;

/**
 * Re-chunks and re-embeds every source of a workspace from its stored document (after a chunking
 * change, say). Chunks whose text is unchanged keep their vectors, so a re-run after a crash or an
 * unchanged configuration costs reading, not model time. Progress counts sources.
 */
public class ReindexJobHandler implements JobHandler {
  private final EmbeddingPipeline pipeline;
  private final SourceDao sources;

  public ReindexJobHandler(EmbeddingPipeline pipeline, SourceDao sources) {
    this.pipeline = pipeline;
    this.sources = sources;
  }

  @Override
  public JobKind kind() {
    return JobKind.REINDEX;
  }

  @Override
  public Object run(Job job, JobContext ctx) {
    List<UUID> ids = sources.ids(job.workspaceId());
    int chunks = 0;
    int embedded = 0;
    int failed = 0;
    Progress perSource =
        new Progress() {
          @Override
          public void report(long done, long total) {
            // Sources are the unit shown; the heartbeat keeps the lease meanwhile.
          }

          @Override
          public void checkCanceled() {
            ctx.checkCanceled();
          }
        };
    for (int i = 0; i < ids.size(); i++) {
      ctx.progress(i, ids.size());
      ctx.checkCanceled();
      EmbeddingPipeline.Result r = pipeline.run(job.workspaceId(), ids.get(i), perSource);
      chunks += r.chunks();
      embedded += r.embedded();
      if (r.outcome() == EmbeddingPipeline.Outcome.FAILED) {
        failed++;
      }
    }
    ctx.progress(ids.size(), ids.size());
    return java.util.Map.of(
        "sources",
        ids.size(),
        "failed",
        failed,
        "chunks",
        chunks,
        "embedded",
        embedded,
        "reused",
        chunks - embedded);
  }
}
