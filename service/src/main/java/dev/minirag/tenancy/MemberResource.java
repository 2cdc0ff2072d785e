package dev.minirag.tenancy;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.Fails;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Members of the workspace of this request (X-Workspace-Id). */
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "apiKey")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Path("/v1/workspaces/current/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "workspaces")
public class MemberResource {

  public record AddMember(@NotBlank @Size(max = 320) String email, @NotNull WorkspaceRole role) {}

  public record ChangeRole(@NotNull WorkspaceRole role) {}

  private final TenancyService tenancy;
  private final InvitationService invitations;
  private final AuditLog audit;

  public MemberResource(TenancyService tenancy, InvitationService invitations, AuditLog audit) {
    this.tenancy = tenancy;
    this.invitations = invitations;
    this.audit = audit;
  }

  @GET
  @RolesAllowed(Permissions.READ)
  @Timed
  @Operation(summary = "Members and their roles")
  public List<Member> list(@Auth Caller caller) {
    return tenancy.members(caller.workspace());
  }

  @POST
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Fails(status = 409, when = "The person is already a member")
  @Operation(
      summary = "Add a member by email, or invite them (admin; only an owner may add an owner)",
      description =
          "Someone whose account owns the address (a provider verified it, or the account was made on the"
              + " command line and has not signed in) is added at once: 201 with the member. Anyone else is invited:"
              + " 202 with the invitation (the same as POST .../invitations); they become a member when they accept it.",
      responses = {
        @ApiResponse(
            responseCode = "201",
            description = "added",
            content = @Content(schema = @Schema(implementation = Member.class))),
        @ApiResponse(
            responseCode = "202",
            description = "invited",
            content = @Content(schema = @Schema(implementation = Invitation.class)))
      })
  public Response add(@Auth Caller caller, @NotNull @Valid AddMember body) {
    InvitationService.Added added =
        invitations.addOrInvite(
            caller.workspace(),
            body.email(),
            body.role(),
            caller.can(Permissions.OWNER),
            caller.userId());
    if (added.invitation() != null) {
      InvitationAudit.created(audit, caller, added.invitation());
      return Response.status(202).entity(added.invitation()).build();
    }
    Member m = added.member();
    audit.record(
        caller,
        AuditActions.MEMBER_ADD,
        caller.workspace(),
        m.userId().toString(),
        Map.of("role", m.role().wire()));
    return Response.status(201).entity(m).build();
  }

  @PATCH
  @Path("/{userId}")
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Fails(status = 409, when = "The workspace would be left without an owner")
  @Operation(
      summary =
          "Change a member's role (admin; owner role changes need an owner; the last owner stays)")
  public Member changeRole(
      @Auth Caller caller, @PathParam("userId") UUID userId, @NotNull @Valid ChangeRole body) {
    Member m =
        tenancy.changeRole(caller.workspace(), userId, body.role(), caller.can(Permissions.OWNER));
    audit.record(
        caller,
        AuditActions.MEMBER_ROLE,
        caller.workspace(),
        userId.toString(),
        Map.of("role", m.role().wire()));
    return m;
  }

  @DELETE
  @Path("/{userId}")
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Fails(status = 409, when = "The last owner cannot be removed")
  @Operation(summary = "Remove a member (admin; the last owner cannot be removed)")
  public Response remove(@Auth Caller caller, @PathParam("userId") UUID userId) {
    tenancy.removeMember(caller.workspace(), userId, caller.can(Permissions.OWNER));
    audit.record(
        caller, AuditActions.MEMBER_REMOVE, caller.workspace(), userId.toString(), Map.of());
    return Response.noContent().build();
  }
}
