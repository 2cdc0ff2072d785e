package dev.minirag.quota;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Usage of every workspace, plans and per-workspace limit overrides: system admins only. */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@RolesAllowed(Permissions.SYSTEM_ADMIN)
public class AdminLimitsResource {

  public record UsagePage(List<UsageReports.AdminUsageRow> items, int limit, int offset) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "LimitsPlan")
  public record Plan(String name, Map<LimitName, Long> limits) {}

  public record PlanBody(@NotNull String plan) {}

  private final LimitsAdmin admin;
  private final UsageReports reports;
  private final AuditLog audit;

  public AdminLimitsResource(LimitsAdmin admin, UsageReports reports, AuditLog audit) {
    this.admin = admin;
    this.reports = reports;
    this.audit = audit;
  }

  @GET
  @Path("/usage")
  @Timed
  @Operation(summary = "Every workspace's limits and usage (system admin)")
  public UsagePage usage(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
    return new UsagePage(reports.all(limit, offset), limit, offset);
  }

  @GET
  @Path("/plans")
  @Timed
  @Operation(summary = "The configured plans with their effective limits (0 = unlimited)")
  public List<Plan> plans() {
    return admin.plans();
  }

  @PUT
  @Path("/workspaces/{id}/limits")
  @Timed
  @Operation(
      summary =
          "Override limits of one workspace: a number sets it (0 = unlimited), null removes the override")
  public Usage setLimits(
      @Parameter(hidden = true) @Auth Caller caller,
      @PathParam("id") UUID workspace,
      @NotNull Map<String, Long> body) {
    admin.override(workspace, body, caller.userId());
    audit.record(caller, AuditActions.WORKSPACE_LIMITS, workspace, workspace.toString(), body);
    return admin.usageOf(workspace);
  }

  @PUT
  @Path("/organizations/{id}/plan")
  @Timed
  @Operation(summary = "Put an organization on a configured plan")
  public Map<String, String> setPlan(
      @Parameter(hidden = true) @Auth Caller caller,
      @PathParam("id") UUID org,
      @NotNull PlanBody body) {
    admin.setPlan(org, body.plan());
    audit.record(
        caller, AuditActions.ORGANIZATION_PLAN, null, org.toString(), Map.of("plan", body.plan()));
    return Map.of("organizationId", org.toString(), "plan", body.plan());
  }
}
