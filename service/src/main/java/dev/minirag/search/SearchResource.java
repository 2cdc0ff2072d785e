package dev.minirag.search;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.documents.SourceService;
import dev.minirag.quota.QuotaService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

@Path("/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "search")
public class SearchResource {

  /**
   * Narrowing within the workspace; unknown fields are refused (400) like in every request body.
   */
  @Schema(name = "SearchRequest")
  public record Body(
      @Schema(example = "who polished the lens", requiredMode = Schema.RequiredMode.REQUIRED)
          String query,
      @Schema(example = "5", description = "1-100, default 10") Integer k,
      @Schema(
              example = "hybrid",
              allowableValues = {"bm25", "dense", "hybrid"})
          String mode,
      @Schema(
              example = "convex",
              allowableValues = {"convex", "rrf"})
          String fusion,
      @Schema(example = "0.6") Double denseWeight,
      @Valid Filters filters) {}

  private final SearchService search;
  private final SourceService sources;
  private final QuotaService quota;

  public SearchResource(SearchService search, SourceService sources, QuotaService quota) {
    this.search = search;
    this.sources = sources;
    this.quota = quota;
  }

  @POST
  @RolesAllowed(Permissions.READ)
  @Timed
  @Operation(
      summary = "Hybrid search: ranked chunks with per-leg ranks and scores (BM25, vector, fused)")
  public SearchResult search(
      @Parameter(hidden = true) @Auth Caller caller, @NotNull @Valid Body body) {
    UUID workspace = caller.workspace();
    SearchFilters filters = Filters.checked(workspace, body.filters(), sources);
    quota.countSearch(workspace);
    return search.search(
        workspace,
        new SearchRequest(
            body.query(),
            body.k(),
            body.mode(),
            body.fusion(),
            body.denseWeight(),
            filters,
            null,
            null));
  }
}
