package dev.minirag.health;

import com.codahale.metrics.annotation.Timed;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

@Path("/v1/version")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "system")
@dev.minirag.access.Public
public class VersionResource {

  public record Version(String name, String version, String commit, String startedAt) {}

  private final Version version;

  public VersionResource(BuildInfo build, Instant startedAt) {
    this.version = new Version("mini-rag", build.version(), build.commit(), startedAt.toString());
  }

  @GET
  @Timed
  @Operation(summary = "Service name, version, build commit and start time")
  public Version version() {
    return version;
  }
}
