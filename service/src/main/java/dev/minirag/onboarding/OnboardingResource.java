package dev.minirag.onboarding;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.apikeys.ApiKeyService;
import dev.minirag.quota.QuotaService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * The getting-started steps of the caller's workspace, each read from what the service stores, so
 * the console's checklist is the same in every browser and for every member.
 */
@Path("/v1/onboarding")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "usage")
public class OnboardingResource {

  /**
   * @param sourceAdded the workspace stores at least one source now
   * @param questionAsked someone asked a question in it, ever
   * @param apiKeyCreated a key was made for it, ever (revoked and expired ones count)
   */
  public record Onboarding(
      UUID workspaceId, boolean sourceAdded, boolean questionAsked, boolean apiKeyCreated) {}

  private final QuotaService quota;
  private final ApiKeyService keys;

  public OnboardingResource(QuotaService quota, ApiKeyService keys) {
    this.quota = quota;
    this.keys = keys;
  }

  @GET
  @Timed
  @RolesAllowed(Permissions.READ)
  @Operation(
      summary =
          "Getting started in this workspace: a source added, a question asked, an API key created")
  public Onboarding onboarding(@Parameter(hidden = true) @Auth Caller caller) {
    UUID workspace = caller.workspace();
    return new Onboarding(
        workspace,
        quota.storedSources(workspace) > 0,
        quota.hasAsked(workspace),
        keys.anyCreated(workspace));
  }
}
