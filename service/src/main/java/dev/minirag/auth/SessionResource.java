package dev.minirag.auth;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.minirag.access.Caller;
import dev.minirag.access.Public;
import dev.minirag.auth.MeResource.Me;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * The console's first question, "am I signed in?", answered 200 either way. A browser logs every
 * 4xx in its console, and a signed-out visitor is not an error; API clients keep {@code /me} and
 * its 401. Bad or expired credentials read as signed out; a workspace the caller does not belong to
 * is still 404, as on every other call.
 */
@Path("/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class SessionResource {

  /**
   * @param me what {@code GET /api/v1/me} would answer; absent when signed out
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Session(boolean signedIn, Me me) {}

  private final MeView view;

  public SessionResource(MeView view) {
    this.view = view;
  }

  @GET
  @Public
  @Timed
  @Operation(
      summary =
          "Whether the request is signed in, and then the same as GET /me; 200 signed out too (public)")
  public Session session(@Parameter(hidden = true) @Auth Optional<Caller> caller) {
    return caller.map(c -> new Session(true, view.of(c))).orElse(new Session(false, null));
  }
}
