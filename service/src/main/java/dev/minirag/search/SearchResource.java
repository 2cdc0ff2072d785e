package dev.minirag.search;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.common.ApiException;
import dev.minirag.documents.SourceService;
import dev.minirag.quota.QuotaService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/v1/search")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "search")
public class SearchResource {

  /**
   * Narrowing within the workspace; unknown fields are refused (400) like in every request body.
   */
  public record Filters(
      List<UUID> sourceIds,
      List<String> kinds,
      OffsetDateTime createdAfter,
      OffsetDateTime createdBefore) {}

  public record Body(
      String query,
      Integer k,
      String mode,
      String fusion,
      Double denseWeight,
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
    SearchFilters filters = toFilters(workspace, body.filters(), sources);
    quota.countSearch(workspace);
    return search.search(
        workspace,
        new SearchRequest(
            body.query(), body.k(), body.mode(), body.fusion(), body.denseWeight(), filters, null));
  }

  /** Checks filter values against the workspace: unknown kinds are 422, unknown source ids 404. */
  public static SearchFilters toFilters(UUID workspace, Filters f, SourceService sources) {
    if (f == null) {
      return SearchFilters.NONE;
    }
    if (f.kinds() != null) {
      List<String> unknown =
          f.kinds().stream().filter(k -> !SourceService.KINDS.contains(k)).toList();
      if (!unknown.isEmpty()) {
        throw new ApiException(
            422, "Unknown source kind(s); use " + SourceService.KINDS, Map.of("kinds", unknown));
      }
    }
    sources.requireExisting(workspace, f.sourceIds());
    return new SearchFilters(
        f.sourceIds() == null ? null : new HashSet<>(f.sourceIds()),
        f.kinds() == null ? null : new HashSet<>(f.kinds()),
        f.createdAfter() == null ? null : f.createdAfter().toInstant(),
        f.createdBefore() == null ? null : f.createdBefore().toInstant());
  }
}
