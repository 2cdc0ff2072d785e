package dev.minirag.quota;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "usage")
public class UsageResource {
  private final UsageReports reports;

  public UsageResource(UsageReports reports) {
    this.reports = reports;
  }

  @GET
  @Timed
  @RolesAllowed(Permissions.READ)
  @Operation(summary = "The workspace's limits and what it used of each (0 = unlimited)")
  public Usage usage(@Parameter(hidden = true) @Auth Caller caller) {
    return reports.forCaller(caller);
  }
}
