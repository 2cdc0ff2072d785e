package dev.minirag.health;

import com.codahale.metrics.annotation.Timed;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

@Path("/v1/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "system")
@dev.minirag.access.Public
public class HealthResource {

  public record Check(boolean healthy, String message) {}

  public record Health(String status, Map<String, Check> checks) {}

  private final HealthCheckRegistry registry;

  public HealthResource(HealthCheckRegistry registry) {
    this.registry = registry;
  }

  @GET
  @Timed
  @Operation(
      summary =
          "Service health: database, pgvector, migrations. Always 200 with status ok|degraded; load"
              + " balancers use the admin port's /healthcheck, which answers 500 when unhealthy.")
  public Response health() {
    SortedMap<String, HealthCheck.Result> results = registry.runHealthChecks();
    Map<String, Check> checks = new LinkedHashMap<>();
    results.forEach((name, r) -> checks.put(name, new Check(r.isHealthy(), r.getMessage())));
    boolean ok = results.values().stream().allMatch(HealthCheck.Result::isHealthy);
    return Response.ok(new Health(ok ? "ok" : "degraded", checks)).build();
  }
}
