package dev.minirag.auth;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.tenancy.MyWorkspace;
import dev.minirag.tenancy.TenancyService;
import dev.minirag.users.User;
import dev.minirag.users.UserService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "apiKey")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class MeResource {

  public record Me(
      UUID userId,
      String email,
      String displayName,
      boolean systemAdmin,
      UUID apiKeyId,
      UUID workspaceId,
      String role,
      Set<String> permissions,
      List<MyWorkspace> workspaces) {}

  private final UserService users;
  private final TenancyService tenancy;

  public MeResource(UserService users, TenancyService tenancy) {
    this.users = users;
    this.tenancy = tenancy;
  }

  @GET
  @PermitAll
  @Timed
  @Operation(
      summary =
          "The caller: user (or API key), the workspace of this request, permissions there, and all workspaces")
  public Me me(@Auth Caller caller) {
    if (caller.isApiKey()) {
      var ws = tenancy.get(caller.workspaceId());
      return new Me(
          null,
          null,
          null,
          false,
          caller.apiKeyId(),
          caller.workspaceId(),
          null,
          caller.permissions(),
          List.of(new MyWorkspace(ws.id(), ws.name(), ws.organizationId(), null, true)));
    }
    User u = users.find(caller.userId()).orElseThrow();
    return new Me(
        u.id(),
        u.email(),
        u.displayName(),
        u.systemAdmin(),
        null,
        caller.workspaceId(),
        caller.role(),
        caller.permissions(),
        tenancy.workspacesOf(u.id()));
  }
}
