package dev.minirag.testing;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import io.dropwizard.core.setup.Environment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The real application plus one probe resource that fails on purpose, for error-shape tests. */
public class ProbeApplication extends MiniRagApplication {

  public record Echo(@NotBlank String text) {}

  @Path("/v1/test-probe")
  @Produces(MediaType.APPLICATION_JSON)
  public static class ProbeResource {
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Echo echo(@NotNull @Valid Echo body) {
      return body;
    }

    @GET
    @Path("/boom")
    public String boom() {
      throw new IllegalStateException("secret internal detail: password=hunter2");
    }
  }

  @Override
  public void run(MiniRagConfiguration configuration, Environment environment) throws Exception {
    super.run(configuration, environment);
    environment.jersey().register(new ProbeResource());
  }
}
