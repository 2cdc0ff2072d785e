package dev.minirag.backup;

import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.jobs.Job;
import dev.minirag.jobs.JobContext;
import dev.minirag.jobs.JobHandler;
import dev.minirag.jobs.JobKind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a workspace's archive into the {@link ArchiveStore} for download from any node. A retry
 * starts over (the previous attempt's partial archive is removed first); a failed or canceled
 * attempt leaves no archive. Progress counts archive lines.
 */
public class ExportJobHandler implements JobHandler {
  private final ExportService exports;
  private final ArchiveStore store;
  private final AuditLog audit;

  public ExportJobHandler(ExportService exports, ArchiveStore store, AuditLog audit) {
    this.exports = exports;
    this.store = store;
    this.audit = audit;
  }

  @Override
  public JobKind kind() {
    return JobKind.EXPORT;
  }

  @Override
  public Object run(Job job, JobContext ctx) {
    UUID workspace = job.workspaceId();
    store.sweep();
    store.deleteForJob(job.workspaceId(), job.id());
    OffsetDateTime created = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
    ExportService.ExportSummary summary;
    long bytes;
    try (ArchiveStore.Writer out = store.create(workspace, ArchiveStore.EXPORT, job.id())) {
      summary = exports.export(workspace, out, progress(ctx));
      bytes = out.size();
      out.complete();
    }
    Map<String, Object> details = new LinkedHashMap<>(summary.auditDetails());
    details.put("completed", true);
    details.put("jobId", job.id());
    details.put("archiveBytes", bytes);
    audit.record(
        job.createdBy(),
        null,
        AuditActions.WORKSPACE_EXPORT,
        workspace,
        workspace.toString(),
        details);

    Map<String, Object> archive = new LinkedHashMap<>();
    archive.put("fileName", ArchiveDownloads.fileName(workspace, job.createdAt()));
    archive.put("bytes", bytes);
    archive.put(
        "expiresAt",
        created.plus(store.retention()).toString()); // the sweep counts from the archive's creation
    archive.put("download", ExportJobsResource.PATH + "/" + job.id());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("archive", archive);
    result.put("sources", summary.sources());
    result.put("documents", summary.documents());
    result.put("chunks", summary.chunks());
    result.put("vectors", summary.vectors());
    result.put("embeddingModel", summary.embeddingModel());
    result.put("skipped", summary.skipped());
    return result;
  }

  @Override
  public void canceled(Job job) {
    store.deleteForJob(job.workspaceId(), job.id());
  }

  /**
   * The job's context as the backup feature's progress callback (a cancel raises
   * CancellationException).
   */
  static Progress progress(JobContext ctx) {
    return new Progress() {
      @Override
      public void report(long done, long total) {
        ctx.progress(done, total);
      }

      @Override
      public void checkCanceled() {
        ctx.checkCanceled();
      }
    };
  }
}
