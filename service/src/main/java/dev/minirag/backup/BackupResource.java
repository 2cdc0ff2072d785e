package dev.minirag.backup;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.auth.Caller;
import dev.minirag.auth.Permissions;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A workspace's content as one portable archive (docs/export-format.md): export streams it, import
 * takes it into the workspace of the request, which must be empty. Owners and admins only.
 */
@Path("/v1/workspaces/current")
@Tag(name = "workspaces")
public class BackupResource {
  static final String ZIP = "application/zip";

  private final ExportService exports;
  private final ImportService imports;
  private final AuditLog audit;

  public BackupResource(ExportService exports, ImportService imports, AuditLog audit) {
    this.exports = exports;
    this.imports = imports;
    this.audit = audit;
  }

  @GET
  @Path("/export")
  @Produces(ZIP)
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Operation(summary = "Download the workspace's ready sources, documents, chunks and vectors as one zip archive (admin)")
  public Response export(@Parameter(hidden = true) @Auth Caller caller) {
    UUID workspace = caller.workspace();
    // Written while it is read from the database; a failure part-way leaves a zip without its
    // manifest, which import refuses.
    StreamingOutput body = out -> {
      ExportService.ExportSummary summary = exports.export(workspace, out, Progress.NONE);
      audit.record(caller, AuditActions.WORKSPACE_EXPORT, workspace, workspace.toString(), summary.auditDetails());
    };
    String file = "workspace-" + workspace + "-" + LocalDate.now(ZoneOffset.UTC) + ".zip";
    return Response.ok(body, ZIP).header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
  }

  @POST
  @Path("/import")
  @Consumes({ZIP, MediaType.APPLICATION_OCTET_STREAM})
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Operation(summary = "Import an exported archive (request body) into this workspace, which must be empty (admin); 409 when it is not, 422 for a damaged archive")
  public ImportService.ImportSummary importArchive(@Parameter(hidden = true) @Auth Caller caller, InputStream body) throws IOException {
    UUID workspace = caller.workspace();
    imports.admit(workspace); // before reading the body: a non-empty workspace costs no upload
    java.nio.file.Path file = imports.spool(body);
    try {
      ImportService.ImportSummary summary = imports.importArchive(workspace, file, Progress.NONE);
      audit.record(caller, AuditActions.WORKSPACE_IMPORT, workspace, workspace.toString(), summary.auditDetails());
      return summary;
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
