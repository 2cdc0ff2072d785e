package dev.minirag.ask;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.common.ApiError;
import dev.minirag.common.ApiException;
import dev.minirag.common.RequestIds;
import dev.minirag.documents.SourceService;
import dev.minirag.quota.QuotaService;
import dev.minirag.search.SearchFilters;
import dev.minirag.search.SearchResource;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

@Path("/v1/ask")
@Tag(name = "ask")
public class AskResource {
  private static final Logger LOG = LoggerFactory.getLogger(AskResource.class);
  static final int MAX_QUESTION_CHARS = 2000;
  static final int MAX_K = 50;

  /** {@code query} is accepted for {@code question}, as the predecessor's clients send it. */
  public record Body(
      @JsonAlias("query") String question, Integer k, @Valid SearchResource.Filters filters) {}

  private final AskService ask;
  private final SourceService sources;
  private final ObjectMapper json;
  private final QuotaService quota;

  public AskResource(AskService ask, SourceService sources, ObjectMapper json, QuotaService quota) {
    this.ask = ask;
    this.sources = sources;
    this.json = json;
    this.quota = quota;
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
    UUID workspace = caller.workspace();
    String question = validQuestion(body.question());
    if (body.k() != null && (body.k() < 1 || body.k() > MAX_K)) {
      throw new ApiException(422, "k must be between 1 and " + MAX_K, Map.of("field", "k"));
    }
    SearchFilters filters = SearchResource.toFilters(workspace, body.filters(), sources);
    quota.countAsk(workspace);
    if (accept != null && accept.contains("text/event-stream")) {
      return stream(workspace, question, body.k(), filters);
    }
    return Response.ok(
            ask.ask(workspace, question, body.k(), filters, t -> {}),
            MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  static String validQuestion(String question) {
    if (question == null || question.isBlank()) {
      throw new ApiException(422, "question must not be blank", Map.of("field", "question"));
    }
    if (question.length() > MAX_QUESTION_CHARS) {
      throw new ApiException(
          422,
          "question is longer than " + MAX_QUESTION_CHARS + " characters",
          Map.of("field", "question"));
    }
    return question.strip();
  }

  private Response stream(UUID workspace, String question, Integer k, SearchFilters filters) {
    String requestId = RequestIds.current();
    // Input was validated above, so its 4xx answers come before the stream starts; what fails later
    // (e.g. a language model that cannot be reached) arrives as an `error` event.
    StreamingOutput out =
        output -> {
          MDC.put(RequestIds.MDC_KEY, requestId);
          try {
            AskService.AskResult result =
                ask.ask(
                    workspace,
                    question,
                    k,
                    filters,
                    token -> event(output, "token", Map.of("text", token)));
            event(output, "citations", result.citations());
            event(output, "done", result);
          } catch (ApiException e) {
            event(
                output,
                "error",
                e.messageIsPublic()
                    ? new ApiError(e.status(), e.getMessage(), null, requestId)
                    : ApiError.internal(e.status(), requestId));
          } catch (RuntimeException e) {
            LOG.error("Streaming answer failed", e);
            event(output, "error", ApiError.internal(500, requestId));
          } finally {
            MDC.remove(RequestIds.MDC_KEY);
          }
        };
    return Response.ok(out, "text/event-stream")
        .header("Cache-Control", "no-store")
        .header("X-Accel-Buffering", "no")
        .build();
  }

  private void event(OutputStream output, String name, Object data) {
    try {
      output.write(
          ("event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n")
              .getBytes(StandardCharsets.UTF_8));
      output.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
