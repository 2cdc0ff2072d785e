package dev.minirag.apikeys;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
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

/** API keys of the workspace of this request (X-Workspace-Id); workspace admins only. */
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "apiKey")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Path("/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "api-keys")
public class ApiKeyResource {

  public record CreateKey(
      @NotBlank String name, @NotEmpty List<String> scopes, Integer expiresDays) {}

  /** The only response that ever carries the plaintext key. */
  public record CreatedKey(ApiKeyView key, String apiKey) {}

  private final ApiKeyService keys;
  private final AuditLog audit;

  public ApiKeyResource(ApiKeyService keys, AuditLog audit) {
    this.keys = keys;
    this.audit = audit;
  }

  @GET
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Operation(summary = "List keys (prefix only, never the secret)")
  public List<ApiKeyView> list(@Auth Caller caller) {
    return keys.list(caller.workspace());
  }

  @POST
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Operation(
      summary = "Create a key bound to this workspace; the plaintext apiKey is shown exactly once")
  public Response create(@Auth Caller caller, @NotNull @Valid CreateKey body) {
    ApiKeyService.Created created =
        keys.create(
            caller.workspace(), body.name(), body.scopes(), body.expiresDays(), caller.userId());
    audit.record(
        caller,
        AuditActions.KEY_CREATE,
        caller.workspace(),
        created.key().id().toString(),
        Map.of("prefix", created.key().prefix(), "scopes", created.key().scopes()));
    return Response.status(201).entity(new CreatedKey(created.key(), created.plaintext())).build();
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Permissions.ADMIN)
  @Timed
  @Operation(summary = "Revoke a key of this workspace")
  public ApiKeyView revoke(@Auth Caller caller, @PathParam("id") UUID id) {
    ApiKeyView key = keys.revoke(caller.workspace(), id);
    audit.record(
        caller,
        AuditActions.KEY_REVOKE,
        caller.workspace(),
        id.toString(),
        Map.of("prefix", key.prefix()));
    return key;
  }
}
