package dev.minirag.backup;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A workspace's content as one portable archive (docs/export-format.md), streamed as it is read,
 * inside the request: convenient for small workspaces. Larger ones use an export job ({@link
 * ExportJobsResource}). Owners and admins only. (One class per sub-path: a class at
 * /v1/workspaces/current would take that path away from WorkspaceResource.)
 */
@Path("/v1/workspaces/current/export")
@Tag(name = "workspaces")
public class ExportResource {
  static final String ZIP = "application/zip";

  private final ExportService exports;
  private final AuditLog audit;

  public ExportResource(ExportService exports, AuditLog audit) {
    this.exports = exports;
    this.audit = audit;
  }

  @GET
  @Produces(ZIP)
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Operation(
      summary =
          "Download the workspace's ready sources, documents, chunks and vectors as one zip archive (admin)")
  public Response export(@Parameter(hidden = true) @Auth Caller caller) {
    UUID workspace = caller.workspace();
    // Written while it is read from the database; a failure part-way leaves a zip without its
    // manifest, which import refuses.
    // Audited either way: a download that broke off may still have handed out part of the content.
    StreamingOutput body =
        out -> {
          ExportService.ExportSummary summary;
          try {
            summary = exports.export(workspace, out, Progress.NONE);
          } catch (RuntimeException e) {
            audit.record(
                caller,
                AuditActions.WORKSPACE_EXPORT,
                workspace,
                workspace.toString(),
                Map.of("completed", false));
            throw e;
          }
          Map<String, Object> details = new LinkedHashMap<>(summary.auditDetails());
          details.put("completed", true);
          audit.record(
              caller, AuditActions.WORKSPACE_EXPORT, workspace, workspace.toString(), details);
        };
    return Response.ok(body, ZIP)
        .header(
            "Content-Disposition",
            ArchiveDownloads.attachment(
                ArchiveDownloads.fileName(workspace, OffsetDateTime.now(ZoneOffset.UTC))))
        .build();
  }
}
