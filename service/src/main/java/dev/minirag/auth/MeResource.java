package dev.minirag.auth;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.tenancy.MyWorkspace;
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

  private final MeView view;

  public MeResource(MeView view) {
    this.view = view;
  }

  @GET
  @PermitAll
  @Timed
  @Operation(
      summary =
          "The caller: user (or API key), the workspace of this request, permissions there, and all workspaces")
  public Me me(@Auth Caller caller) {
    return view.of(caller);
  }
}
