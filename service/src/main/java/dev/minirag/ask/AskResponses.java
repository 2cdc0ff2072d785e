package dev.minirag.ask;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.access.Caller;
import dev.minirag.common.ApiError;
import dev.minirag.common.ApiException;
import dev.minirag.common.RequestIds;
import dev.minirag.documents.SourceService;
import dev.minirag.quota.QuotaService;
import dev.minirag.search.Filters;
import dev.minirag.search.SearchFilters;
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

/**
 * The ask endpoint's work behind its HTTP face: validation, the quota, and the answer as JSON or as
 * a server-sent event stream. Shared by {@link AskResource} and the predecessor's alias, so both
 * answer alike.
 */
public class AskResponses {
  private static final Logger LOG = LoggerFactory.getLogger(AskResponses.class);
  static final int MAX_QUESTION_CHARS = 2000;
  static final int MAX_K = 50;

  private final AskService ask;
  private final SourceService sources;
  private final ObjectMapper json;
  private final QuotaService quota;

  public AskResponses(
      AskService ask, SourceService sources, ObjectMapper json, QuotaService quota) {
    this.ask = ask;
    this.sources = sources;
    this.json = json;
    this.quota = quota;
  }

  /** {@code accept} containing {@code text/event-stream} streams the answer. */
  public Response answer(
      Caller caller, String accept, String question, Integer k, Filters filters) {
    UUID workspace = caller.workspace();
    String valid = validQuestion(question);
    if (k != null && (k < 1 || k > MAX_K)) {
      throw new ApiException(422, "k must be between 1 and " + MAX_K, Map.of("field", "k"));
    }
    SearchFilters checked = Filters.checked(workspace, filters, sources);
    quota.countAsk(workspace);
    if (accept != null && accept.contains("text/event-stream")) {
      return stream(workspace, valid, k, checked);
    }
    return Response.ok(
            ask.ask(workspace, valid, k, checked, t -> {}), MediaType.APPLICATION_JSON_TYPE)
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
