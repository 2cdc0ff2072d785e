package dev.minirag.billing;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Permissions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every organization with its plan and billing state: system admins only. */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@RolesAllowed(Permissions.SYSTEM_ADMIN)
public class AdminOrganizationsResource {

  /**
   * @param billing null while billing has never looked at the organization (or is off)
   */
  public record Organization(
      UUID id, String name, String plan, Instant createdAt, long workspaces, Billing billing) {}

  @Schema(name = "OrganizationBilling")
  public record Billing(
      BillingStatus status,
      String stripeCustomerId,
      String stripeSubscriptionId,
      Instant trialEndsAt,
      Instant currentPeriodEnd,
      Instant graceEndsAt,
      boolean ingestAllowed,
      String reason,
      boolean testMode) {}

  @Schema(name = "OrganizationPage")
  public record Page(
      boolean billingEnabled,
      String defaultPlan,
      List<Organization> items,
      int limit,
      int offset) {}

  private final BillingService billing;

  public AdminOrganizationsResource(BillingService billing) {
    this.billing = billing;
  }

  @GET
  @Path("/organizations")
  @Timed
  @Operation(summary = "Every organization's plan and billing state (system admin)")
  public Page organizations(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
    return billing.organizations(limit, offset);
  }
}
