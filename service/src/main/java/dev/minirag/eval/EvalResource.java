package dev.minirag.eval;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.common.ApiException;
import dev.minirag.documents.SourceService;
import dev.minirag.quota.QuotaService;
import dev.minirag.search.FusionMethod;
import dev.minirag.search.SearchMode;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/eval}: a customer scores retrieval on their own workspace with their own
 * judged queries, with the same scoring as the {@code eval} command. Documents are named by source
 * id; each query runs through the search service once per mode.
 */
@Path("/v1/eval")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "eval")
public class EvalResource {

  public static final int MAX_QUERIES = 500;

  /**
   * @param queries query id to query text
   * @param judgments query id to (source id to relevance grade, positive = relevant)
   * @param modes bm25, dense, hybrid (default: all three)
   * @param fusion for hybrid: convex or rrf (default: configured)
   * @param denseWeight for hybrid convex (default: configured)
   */
  @Schema(name = "EvalRequest")
  public record Body(
      Map<String, String> queries,
      Map<String, Map<String, Integer>> judgments,
      List<String> modes,
      String fusion,
      Double denseWeight) {}

  @Schema(name = "EvalResult")
  public record Result(int queries, Map<String, Map<String, Object>> modes) {}

  private final EvalService eval;
  private final SourceService sources;
  private final QuotaService quota;

  public EvalResource(EvalService eval, SourceService sources, QuotaService quota) {
    this.eval = eval;
    this.sources = sources;
    this.quota = quota;
  }

  @POST
  @Timed
  @RolesAllowed(Permissions.ADMIN)
  @Operation(
      summary =
          "Score search on your own judged queries: nDCG@10, Recall@10, Recall@100, MRR@10 per mode")
  public Result evaluate(@Parameter(hidden = true) @Auth Caller caller, @NotNull Body body) {
    UUID workspace = caller.workspace();
    Map<String, String> problems = new LinkedHashMap<>();
    if (body.queries() == null || body.queries().isEmpty()) {
      problems.put("queries", "must name at least one query");
    } else if (body.queries().size() > MAX_QUERIES) {
      problems.put("queries", "at most " + MAX_QUERIES + " queries per request");
    }
    if (body.judgments() == null || body.judgments().isEmpty()) {
      problems.put("judgments", "must judge at least one query");
    }
    List<SearchMode> modes =
        body.modes() == null || body.modes().isEmpty()
            ? List.of(SearchMode.values())
            : body.modes().stream()
                .map(m -> SearchMode.fromWire(m == null ? "" : m.strip().toLowerCase(Locale.ROOT)))
                .map(m -> m.orElse(null))
                .toList();
    if (modes.stream().anyMatch(java.util.Objects::isNull)) {
      problems.put("modes", "each must be one of " + String.join(", ", SearchMode.WIRE_NAMES));
    }
    FusionMethod fusion =
        body.fusion() == null
            ? null
            : FusionMethod.fromWire(body.fusion().strip().toLowerCase(Locale.ROOT)).orElse(null);
    if (body.fusion() != null && fusion == null && modes.contains(SearchMode.HYBRID)) {
      problems.put("fusion", "must be one of " + String.join(", ", FusionMethod.WIRE_NAMES));
    }
    List<UUID> judged = new ArrayList<>();
    if (body.judgments() != null) {
      for (Map.Entry<String, Map<String, Integer>> e : body.judgments().entrySet()) {
        if (body.queries() != null && !body.queries().containsKey(e.getKey())) {
          problems.put("judgments." + e.getKey(), "judges a query that is not in queries");
        }
        for (String doc : e.getValue() == null ? List.<String>of() : e.getValue().keySet()) {
          try {
            judged.add(UUID.fromString(doc));
          } catch (IllegalArgumentException ex) {
            problems.put("judgments." + e.getKey() + "." + doc, "must be a source id");
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(
          422,
          "Request is invalid",
          problems.entrySet().stream()
              .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
              .toList());
    }
    // Judged sources must be this workspace's own (404 otherwise, as search filters answer).
    sources.requireExisting(workspace, judged.stream().distinct().toList());
    // Every query runs once per mode: the run counts as that many searches, refused whole if it
    // would pass the limit.
    quota.countSearches(workspace, (long) body.queries().size() * modes.size());
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    int scored = 0;
    for (SearchMode mode : modes) {
      boolean hybrid = mode == SearchMode.HYBRID;
      EvalService.Run run =
          new EvalService.Run(mode, hybrid ? fusion : null, hybrid ? body.denseWeight() : null);
      EvalService.Outcome o =
          eval.run(
              workspace,
              body.queries(),
              body.judgments(),
              run,
              id -> List.of(id.toString()),
              done -> {});
      Map<String, Object> m = new LinkedHashMap<>(o.metrics());
      m.put("degradedQueries", o.degraded());
      out.put(mode.wire(), m);
      scored = o.queries();
    }
    return new Result(scored, out);
  }
}
