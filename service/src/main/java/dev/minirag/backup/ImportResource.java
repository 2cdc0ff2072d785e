package dev.minirag.backup;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.Fails;
import dev.minirag.jobs.JobKind;
import dev.minirag.jobs.JobQueue;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;

/**
 * Takes an exported archive (docs/export-format.md) for the workspace of the request, which must be
 * empty: checks what is cheap at once (role, billing, emptiness: 409; size: 413), stores the upload
 * where any node can read it and queues an import job (202 with the job id). The archive itself is
 * validated by the job: a damaged one makes the job fail with nothing written. Owners and admins
 * only.
 */
@Path("/v1/workspaces/current/import")
@Tag(name = "workspaces")
public class ImportResource {

  private final ImportService imports;
  private final ArchiveStore store;
  private final JobQueue jobs;
  private final AuditLog audit;

  public ImportResource(ImportService imports, ArchiveStore store, JobQueue jobs, AuditLog audit) {
    this.imports = imports;
    this.store = store;
    this.jobs = jobs;
    this.audit = audit;
  }

  @POST
  @Consumes({ExportResource.ZIP, MediaType.APPLICATION_OCTET_STREAM})
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Fails(status = 402, when = "The organization's trial ended or its payment lapsed")
  @Fails(status = 409, when = "The workspace already holds sources: import into a new or empty one")
  @Fails(status = 413, when = "The archive is over `BACKUP_MAX_ARCHIVE_SIZE`")
  @Operation(
      summary =
          "Upload an exported archive (request body) and queue its import into this workspace, which must be empty (admin); 202 with the job id, 409 when the workspace holds sources, 413 when too large")
  public Response importArchive(@Parameter(hidden = true) @Auth Caller caller, InputStream body)
      throws IOException {
    UUID workspace = caller.workspace();
    imports.admit(workspace); // before reading the body: a non-empty workspace costs no upload
    store.sweep();
    UUID archive = store.store(workspace, body, imports.limits().maxArchiveBytes());
    UUID jobId;
    try {
      jobId =
          jobs.enqueue(
              workspace, JobKind.IMPORT, null, Map.of("archiveId", archive), caller.userId());
    } catch (RuntimeException e) {
      store.delete(workspace, archive);
      throw e;
    }
    audit.record(
        caller,
        AuditActions.JOB_START,
        workspace,
        jobId.toString(),
        Map.of("kind", JobKind.IMPORT.wire()));
    return Response.status(202).entity(new ExportJobsResource.JobStarted(jobId)).build();
  }
}
