package dev.minirag.tenancy;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.Fails;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Invitations of the workspace of this request (X-Workspace-Id), for its admins. */
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "apiKey")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Path("/v1/workspaces/current/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "workspaces")
public class InvitationResource {

  public record Invite(@NotBlank @Size(max = 320) String email, @NotNull WorkspaceRole role) {}

  private final InvitationService invitations;
  private final AuditLog audit;

  public InvitationResource(InvitationService invitations, AuditLog audit) {
    this.invitations = invitations;
    this.audit = audit;
  }

  @GET
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Operation(
      summary =
          "Open invitations, newest first; expired ones are flagged and can only be revoked (admin)")
  public List<Invitation> list(@Auth Caller caller) {
    return invitations.list(caller.workspace());
  }

  @POST
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Fails(
      status = 409,
      when = "The person is already a member, or the workspace has 500 open invitations")
  @Operation(
      summary =
          "Invite an email (admin; only an owner may invite an owner). Inviting it again renews the open"
              + " invitation; 409 when the person is already a member")
  public Response invite(@Auth Caller caller, @NotNull @Valid Invite body) {
    Invitation inv =
        invitations.invite(
            caller.workspace(),
            body.email(),
            body.role(),
            caller.can(Permissions.OWNER),
            caller.userId());
    InvitationAudit.created(audit, caller, inv);
    return Response.status(201).entity(inv).build();
  }

  @DELETE
  @Path("/{invitationId}")
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Fails(status = 409, when = "The invitation was already accepted, declined or revoked")
  @Operation(
      summary =
          "Revoke an open invitation (admin); 409 when it was already accepted, declined or revoked")
  public Response revoke(@Auth Caller caller, @PathParam("invitationId") UUID invitationId) {
    Invitation inv = invitations.revoke(caller.workspace(), invitationId);
    audit.record(
        caller,
        AuditActions.INVITATION_REVOKE,
        caller.workspace(),
        inv.id().toString(),
        Map.of("email", inv.email(), "role", inv.role().wire()));
    return Response.noContent().build();
  }
}
