package dev.minirag.jobs;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.ApiException;
import dev.minirag.common.Fails;
import dev.minirag.common.PathIds;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobsResource {
  private final JobQueue jobs;
  private final AuditLog audit;

  public JobsResource(JobQueue jobs, AuditLog audit) {
    this.jobs = jobs;
    this.audit = audit;
  }

  @GET
  @Timed
  @RolesAllowed(Permissions.READ)
  @Operation(
      summary =
          "List the workspace's jobs, newest first, filtered by kind, status and subject (e.g. a source id)")
  public JobQueue.Page list(
      @Parameter(hidden = true) @Auth Caller caller,
      @QueryParam("kind") String kind,
      @QueryParam("status") String status,
      @QueryParam("subjectId") String subjectId,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
    UUID subject = null;
    if (subjectId != null && !subjectId.isBlank()) {
      try {
        subject = UUID.fromString(subjectId.strip());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("subjectId must be a UUID");
      }
    }
    return jobs.list(caller.workspace(), kind, status, subject, limit, offset);
  }

  @GET
  @Path("/{id}")
  @Timed
  @RolesAllowed(Permissions.READ)
  @Operation(summary = "One job with its progress, attempts and last error")
  public JobView get(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id) {
    return jobs.get(caller.workspace(), PathIds.parse(id, "Job"));
  }

  @POST
  @Path("/{id}/cancel")
  @Timed
  @RolesAllowed(Permissions.WRITE)
  @Fails(status = 409, when = "The job has already finished")
  @Operation(
      summary =
          "Cancel a job: a queued one at once, a running one at its next check; 409 once finished")
  public JobView cancel(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id) {
    UUID jobId = PathIds.parse(id, "Job");
    JobView job = jobs.cancel(caller.workspace(), jobId);
    audit.record(
        caller,
        AuditActions.JOB_CANCEL,
        caller.workspace(),
        jobId.toString(),
        Map.of("kind", job.kind()));
    return job;
  }
}
