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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.UUID;

/**
 * Takes an exported archive (docs/export-format.md) into the workspace of the request, which must
 * be empty. Owners and admins only.
 */
@Path("/v1/workspaces/current/import")
@Tag(name = "workspaces")
public class ImportResource {

  private final ImportService imports;
  private final AuditLog audit;

  public ImportResource(ImportService imports, AuditLog audit) {
    this.imports = imports;
    this.audit = audit;
  }

  @POST
  @Consumes({ExportResource.ZIP, MediaType.APPLICATION_OCTET_STREAM})
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
