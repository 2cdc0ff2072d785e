package dev.minirag.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.ApiException;
import dev.minirag.jobs.Job;
import dev.minirag.jobs.JobContext;
import dev.minirag.jobs.JobFailure;
import dev.minirag.jobs.JobHandler;
import dev.minirag.jobs.JobKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
 * Imports an uploaded archive kept in the {@link ArchiveStore} (payload {@code archiveId}), on
 * whichever node claims the job. The archive is copied to a local owner-only file for the run and
 * that file is deleted after every attempt; the stored upload is deleted once the job's outcome is
 * final (succeeded, refused, out of attempts, or canceled), kept for a retry otherwise.
 */
public class ImportJobHandler implements JobHandler {
  private final ImportService imports;
  private final ArchiveStore store;
  private final AuditLog audit;
  private final ObjectMapper json;

  public ImportJobHandler(
      ImportService imports, ArchiveStore store, AuditLog audit, ObjectMapper json) {
    this.imports = imports;
    this.store = store;
    this.audit = audit;
    this.json = json;
  }

  @Override
  public JobKind kind() {
    return JobKind.IMPORT;
  }

  @Override
  public Object run(Job job, JobContext ctx) throws Exception {
    UUID workspace = job.workspaceId();
    UUID archiveId = archiveId(job);
    if (store.find(workspace, archiveId).isEmpty()) {
      throw new JobFailure(
          "The uploaded archive is no longer stored (it expired or was removed); upload it again",
          false);
    }
    boolean finalOutcome = true;
    Path file = store.copyToFile(workspace, archiveId);
    try {
      ImportService.ImportSummary summary =
          imports.importArchive(workspace, file, ExportJobHandler.progress(ctx));
      Map<String, Object> details = new LinkedHashMap<>(summary.auditDetails());
      details.put("jobId", job.id());
      audit.record(
          job.createdBy(),
          null,
          AuditActions.WORKSPACE_IMPORT,
          workspace,
          workspace.toString(),
          details);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("sources", summary.sources());
      result.put("documents", summary.documents());
      result.put("chunks", summary.chunks());
      result.put("vectors", summary.vectors());
      result.put("embeddingModel", summary.embeddingModel());
      result.put("skippedAtExport", summary.skippedAtExport());
      result.put("archiveBytes", summary.archiveBytes());
      return result;
    } catch (ApiException e) {
      if (!e.messageIsPublic()) {
        finalOutcome = lastAttempt(job);
        throw e;
      }
      // A damaged archive (422), a workspace that is no longer empty (409), billing (402): final,
      // and
      // the message was written for the user.
      throw new JobFailure(e.getMessage(), false, e);
    } catch (CancellationException e) {
      // Canceled: canceled(job) removes the upload. Stopping or a lost lease: the job runs again.
      finalOutcome = false;
      throw e;
    } catch (Exception e) {
      finalOutcome = lastAttempt(job);
      throw e;
    } finally {
      Files.deleteIfExists(file);
      if (finalOutcome) {
        store.delete(workspace, archiveId);
      }
    }
  }

  @Override
  public void canceled(Job job) {
    try {
      store.delete(job.workspaceId(), archiveId(job));
    } catch (JobFailure noArchive) {
      // A payload without an archive id has nothing stored to remove.
    }
  }

  private static boolean lastAttempt(Job job) {
    return job.attempts() >= job.maxAttempts();
  }

  private UUID archiveId(Job job) {
    try {
      JsonNode payload = json.readTree(job.payload());
      return UUID.fromString(payload.path("archiveId").asText());
    } catch (Exception e) {
      throw new JobFailure("The import job names no stored archive", false, e);
    }
  }
}
