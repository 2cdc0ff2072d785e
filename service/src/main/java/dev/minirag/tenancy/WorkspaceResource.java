package dev.minirag.tenancy;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * Workspaces. The workspace a request acts on is chosen with the {@code X-Workspace-Id} header
 * (default: the user's default workspace; API keys: their own); "current" below means that one.
 */
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "apiKey")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Path("/v1/workspaces")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "workspaces")
public class WorkspaceResource {

  public record NameBody(@NotBlank @Size(max = 200) String name) {}

  private final TenancyService tenancy;
  private final AuditLog audit;

  public WorkspaceResource(TenancyService tenancy, AuditLog audit) {
    this.tenancy = tenancy;
    this.audit = audit;
  }

  @GET
  @PermitAll
  @Timed
  @Operation(
      summary = "Workspaces I am a member of, with my role (an API key sees its own workspace)")
  public List<MyWorkspace> mine(@Auth Caller caller) {
    if (caller.isApiKey()) {
      Workspace ws = tenancy.get(caller.workspace());
      return List.of(new MyWorkspace(ws.id(), ws.name(), ws.organizationId(), null, true));
    }
    return tenancy.workspacesOf(caller.userId());
  }

  @POST
  @PermitAll
  @Timed
  @Operation(
      summary = "Create a workspace; I become its owner (signed-in users only, not API keys)")
  public Response create(@Auth Caller caller, @NotNull @Valid NameBody body) {
    Workspace ws = tenancy.create(caller.requireUser(), body.name(), null);
    audit.record(
        caller,
        AuditActions.WORKSPACE_CREATE,
        ws.id(),
        ws.id().toString(),
        Map.of("name", ws.name()));
    return Response.status(201).entity(ws).build();
  }

  @GET
  @Path("/current")
  @RolesAllowed(Permissions.READ)
  @Timed
  @Operation(summary = "The workspace of this request (X-Workspace-Id)")
  public Workspace current(@Auth Caller caller) {
    return tenancy.get(caller.workspace());
  }

  @PATCH
  @Path("/current")
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Operation(summary = "Rename the workspace of this request (admin)")
  public Workspace rename(@Auth Caller caller, @NotNull @Valid NameBody body) {
    Workspace ws = tenancy.rename(caller.workspace(), body.name());
    audit.record(
        caller,
        AuditActions.WORKSPACE_RENAME,
        ws.id(),
        ws.id().toString(),
        Map.of("name", ws.name()));
    return ws;
  }

  @DELETE
  @Path("/current")
  @RolesAllowed(Permissions.OWNER)
  @Timed
  @Operation(
      summary =
          "Delete the workspace of this request with its members, keys, sources and chunks (owner)")
  public Response delete(@Auth Caller caller) {
    var id = caller.workspace();
    tenancy.delete(id);
    audit.record(caller, AuditActions.WORKSPACE_DELETE, null, id.toString(), Map.of());
    return Response.noContent().build();
  }
}
