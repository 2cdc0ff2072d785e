package dev.minirag.tenancy;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.Fails;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
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

/**
 * Invitations addressed to the signed-in person's verified email. An API key acts for a workspace,
 * not a person: it has none (an empty list, 404 for an id).
 */
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Path("/v1/me/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class MyInvitationResource {

  private final InvitationService invitations;
  private final AuditLog audit;

  public MyInvitationResource(InvitationService invitations, AuditLog audit) {
    this.invitations = invitations;
    this.audit = audit;
  }

  @GET
  @PermitAll
  @Timed
  @Operation(
      summary = "My open invitations (to my email, once my sign-in provider has verified it)")
  public List<MyInvitation> list(@Auth Caller caller) {
    return caller.isApiKey() ? List.of() : invitations.mine(caller.userId());
  }

  @POST
  @Path("/{invitationId}/accept")
  @PermitAll
  @Timed
  @Fails(status = 409, when = "The invitation is no longer open")
  @Fails(status = 410, when = "The invitation has expired")
  @Operation(
      summary =
          "Accept: I become a member with the invited role; answers that workspace. 409 when no longer"
              + " open, 410 when expired (needs X-CSRF-Token)")
  public MyWorkspace accept(@Auth Caller caller, @PathParam("invitationId") UUID invitationId) {
    MyWorkspace ws = invitations.accept(person(caller), invitationId);
    audit.record(
        caller,
        AuditActions.INVITATION_ACCEPT,
        ws.id(),
        invitationId.toString(),
        Map.of("role", ws.role().wire()));
    return ws;
  }

  @POST
  @Path("/{invitationId}/decline")
  @PermitAll
  @Timed
  @Fails(status = 409, when = "The invitation is no longer open")
  @Operation(
      summary =
          "Decline: the invitation closes and I do not join. 409 when no longer open (needs X-CSRF-Token)")
  public Response decline(@Auth Caller caller, @PathParam("invitationId") UUID invitationId) {
    UUID workspace = invitations.decline(person(caller), invitationId);
    audit.record(
        caller, AuditActions.INVITATION_DECLINE, workspace, invitationId.toString(), Map.of());
    return Response.noContent().build();
  }

  /**
   * No invitation is addressed to an API key: its ids are "not found", like any id that is not
   * yours.
   */
  private static UUID person(Caller caller) {
    if (caller.isApiKey() || caller.userId() == null) {
      throw dev.minirag.common.ApiException.notFound("Invitation not found");
    }
    return caller.userId();
  }
}
