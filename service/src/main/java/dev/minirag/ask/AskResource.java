package dev.minirag.ask;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.annotation.JsonAlias;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.search.Filters;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/ask")
@Tag(name = "ask")
public class AskResource {

  /** {@code query} is accepted for {@code question}, as the predecessor's clients send it. */
  @Schema(name = "AskRequest")
  public record Body(
      @Schema(
              example = "What did the keeper polish every morning?",
              requiredMode = Schema.RequiredMode.REQUIRED)
          @JsonAlias("query")
          String question,
      @Schema(example = "8") Integer k,
      @Valid Filters filters) {}

  private final AskResponses responses;

  public AskResource(AskResponses responses) {
    this.responses = responses;
  }

  @POST
  @RolesAllowed(Permissions.READ)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, "text/event-stream"})
  @Timed
  @Operation(
      summary =
          "Answer a question from the workspace's documents, with numbered citations."
              + " With `Accept: text/event-stream` the answer streams: `token` events, then `citations`, then `done`.")
  public Response ask(
      @Parameter(hidden = true) @Auth Caller caller,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept,
      @NotNull @Valid Body body) {
    return responses.answer(caller, accept, body.question(), body.k(), body.filters());
  }
}
