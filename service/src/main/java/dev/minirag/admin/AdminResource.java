package dev.minirag.admin;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditEvent;
import dev.minirag.audit.AuditLog;
import dev.minirag.audit.AuditQuery;
import dev.minirag.common.ApiException;
import dev.minirag.common.Fails;
import dev.minirag.tenancy.Member;
import dev.minirag.tenancy.TenancyService;
import dev.minirag.tenancy.WorkspaceRole;
import dev.minirag.users.User;
import dev.minirag.users.UserService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** System administration across all tenants: system admins only. */
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "apiKey")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "session")
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@RolesAllowed(Permissions.SYSTEM_ADMIN)
public class AdminResource {

  public record Page<T>(List<T> items, int limit, int offset) {}

  public record SystemAdminFlag(@NotNull Boolean systemAdmin) {}

  public record RoleBody(@NotNull WorkspaceRole role) {}

  private final UserService users;
  private final TenancyService tenancy;
  private final AdminDao dao;
  private final AuditLog audit;

  public AdminResource(UserService users, TenancyService tenancy, AdminDao dao, AuditLog audit) {
    this.users = users;
    this.tenancy = tenancy;
    this.dao = dao;
    this.audit = audit;
  }

  @GET
  @Path("/users")
  @Timed
  @Operation(summary = "List or search users by email or name (system admin)")
  public Page<User> users(
      @QueryParam("q") String q,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
    return new Page<>(users.search(q, limit, offset), limit, offset);
  }

  @PATCH
  @Path("/users/{id}")
  @Timed
  @Fails(status = 409, when = "A system administrator cannot remove their own flag")
  @Operation(
      summary = "Grant or remove the system administrator flag (system admin; not on yourself)")
  public User setSystemAdmin(
      @Auth Caller caller, @PathParam("id") UUID id, @NotNull @Valid SystemAdminFlag body) {
    if (id.equals(caller.userId()) && !body.systemAdmin()) {
      throw new ApiException(409, "You cannot remove your own system administrator flag");
    }
    if (!users.setSystemAdmin(id, body.systemAdmin())) {
      throw ApiException.notFound("User not found");
    }
    audit.record(
        caller,
        AuditActions.USER_SYSTEM_ADMIN,
        null,
        id.toString(),
        Map.of("systemAdmin", body.systemAdmin()));
    return users.find(id).orElseThrow();
  }

  @PUT
  @Path("/workspaces/{workspaceId}/members/{userId}")
  @Timed
  @Operation(
      summary =
          "Set a user's role in any workspace, adding them if needed (system admin; the last owner stays)")
  public Member setRole(
      @Auth Caller caller,
      @PathParam("workspaceId") UUID workspaceId,
      @PathParam("userId") UUID userId,
      @NotNull @Valid RoleBody body) {
    Member m = tenancy.setRole(workspaceId, userId, body.role());
    audit.record(
        caller,
        AuditActions.MEMBER_ROLE,
        workspaceId,
        userId.toString(),
        Map.of("role", m.role().wire(), "via", "admin"));
    return m;
  }

  @GET
  @Path("/stats")
  @Timed
  @Operation(
      summary = "Counts of users, workspaces, sources, chunks and stored bytes (system admin)")
  public AdminDao.Stats stats() {
    return dao.stats();
  }

  @GET
  @Path("/workspaces")
  @Timed
  @Operation(summary = "All workspaces with owners and sizes (system admin)")
  public Page<AdminDao.WorkspaceSummary> workspaces(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
    return new Page<>(dao.workspaces(limit, offset), limit, offset);
  }

  @GET
  @Path("/audit")
  @Timed
  @Operation(
      summary =
          "Audit events, newest first, filtered by actor, key, workspace, action and time [from, to) (system admin)")
  public Page<AuditEvent> audit(
      @QueryParam("actor") UUID actor,
      @QueryParam("key") UUID key,
      @QueryParam("workspace") UUID workspace,
      @QueryParam("action") String action,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
    return new Page<>(
        audit.find(
            new AuditQuery(
                actor,
                key,
                workspace,
                action,
                instant("from", from),
                instant("to", to),
                limit,
                offset)),
        limit,
        offset);
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          name + " must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z");
    }
  }
}
