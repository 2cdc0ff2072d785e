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
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Path("/v1/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "system")
@dev.minirag.access.Public
public class HealthResource {

  private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);

  public record Check(boolean healthy, String message) {}

  /**
   * @param indexLag chunk changes committed in the database that this node's Lucene index does not
   *     show yet; null while the database cannot be read (its check says why)
   * @param queuedJobs jobs waiting in the queue all nodes share; null likewise
   */
  public record Health(String status, Map<String, Check> checks, Long indexLag, Long queuedJobs) {}

  private final HealthCheckRegistry registry;
  private final LongSupplier indexLag;
  private final LongSupplier queuedJobs;

  /** The two figures are also the metrics minirag_index_lag_changes and minirag_jobs_queued. */
  public HealthResource(
      HealthCheckRegistry registry, LongSupplier indexLag, LongSupplier queuedJobs) {
    this.registry = registry;
    this.indexLag = indexLag;
    this.queuedJobs = queuedJobs;
  }

  @GET
  @Timed
  @Operation(
      summary =
          "Service health: database, pgvector, migrations, this node's index (and its lag) and the shared"
              + " job queue's depth. Always 200 with status ok|degraded; load balancers use the admin"
              + " port's /healthcheck, which answers 500 when unhealthy.")
  public Response health() {
    SortedMap<String, HealthCheck.Result> results = registry.runHealthChecks();
    Map<String, Check> checks = new LinkedHashMap<>();
    results.forEach((name, r) -> checks.put(name, new Check(r.isHealthy(), r.getMessage())));
    boolean ok = results.values().stream().allMatch(HealthCheck.Result::isHealthy);
    return Response.ok(
            new Health(
                ok ? "ok" : "degraded",
                checks,
                figure("index lag", indexLag),
                figure("queued jobs", queuedJobs)))
        .build();
  }

  private static Long figure(String name, LongSupplier source) {
    try {
      return source.getAsLong();
    } catch (RuntimeException databaseUnavailable) {
      LOG.debug("Health: {} unavailable", name, databaseUnavailable);
      return null;
    }
  }
}
