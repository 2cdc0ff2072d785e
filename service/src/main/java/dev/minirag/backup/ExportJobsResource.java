package dev.minirag.backup;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.ApiException;
import dev.minirag.common.Fails;
import dev.minirag.common.PathIds;
import dev.minirag.jobs.JobKind;
import dev.minirag.jobs.JobQueue;
import dev.minirag.jobs.JobStatus;
import dev.minirag.jobs.JobView;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

/**
 * Export as a job: POST queues it (202 with the job id, followed at /api/v1/jobs/{id}); GET with
 * the job id downloads the archive it wrote, from any node, until it expires. Owners and admins
 * only; a job id of another workspace is as unknown as a made-up one.
 */
@Path("/v1/workspaces/current/exports")
@Tag(name = "workspaces")
public class ExportJobsResource {
  static final String PATH = "/api/v1/workspaces/current/exports";

  /** The answer of an endpoint that started a job. */
  public record JobStarted(UUID jobId) {}

  private final JobQueue jobs;
  private final ArchiveStore store;
  private final AuditLog audit;

  public ExportJobsResource(JobQueue jobs, ArchiveStore store, AuditLog audit) {
    this.jobs = jobs;
    this.store = store;
    this.audit = audit;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Operation(
      summary =
          "Queue an export of the workspace into a zip archive (admin); 202 with the job id, download it from /exports/{jobId} once the job succeeded")
  public Response start(@Parameter(hidden = true) @Auth Caller caller) {
    UUID workspace = caller.workspace();
    UUID jobId = jobs.enqueue(workspace, JobKind.EXPORT, null, Map.of(), caller.userId());
    audit.record(
        caller,
        AuditActions.JOB_START,
        workspace,
        jobId.toString(),
        Map.of("kind", JobKind.EXPORT.wire()));
    return Response.status(202).entity(new JobStarted(jobId)).build();
  }

  @GET
  @Path("/{jobId}")
  @Produces({ExportResource.ZIP, MediaType.APPLICATION_JSON})
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Fails(status = 409, when = "The export job has not finished yet (`details.status`)")
  @Operation(
      summary =
          "Download the archive of a succeeded export job (admin); 409 while the job has not finished, 404 for an unknown, failed, canceled or expired export")
  public Response download(
      @Parameter(hidden = true) @Auth Caller caller, @PathParam("jobId") String jobId) {
    UUID workspace = caller.workspace();
    UUID id = PathIds.parse(jobId, "Export");
    JobView job = jobs.get(workspace, id); // 404 for another workspace's job
    if (!job.kind().equals(JobKind.EXPORT.wire())) {
      throw ApiException.notFound("Export not found");
    }
    if (job.status().equals(JobStatus.QUEUED.wire())
        || job.status().equals(JobStatus.RUNNING.wire())) {
      throw new ApiException(
          409,
          "The export job has not finished yet; download it once it succeeded",
          Map.of("status", job.status()));
    }
    if (!job.status().equals(JobStatus.SUCCEEDED.wire())) {
      throw new ApiException(
          404,
          "The export job " + job.status() + "; it has no archive",
          Map.of("status", job.status()));
    }
    ArchiveStoreDao.StoredArchive archive =
        store
            .forJob(workspace, id)
            .orElseThrow(
                () ->
                    ApiException.notFound("The export's archive has expired; start a new export"));
    StreamingOutput body =
        out -> {
          try (InputStream in = store.open(workspace, archive.id())) {
            in.transferTo(out);
          }
        };
    return Response.ok(body, ExportResource.ZIP)
        .header(
            "Content-Disposition",
            ArchiveDownloads.attachment(ArchiveDownloads.fileName(workspace, job.createdAt())))
        .header("Content-Length", archive.byteSize())
        .build();
  }
}
