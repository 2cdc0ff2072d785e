package dev.minirag.documents;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.common.ApiException;
import dev.minirag.tenancy.WorkspaceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataParam;

@Path("/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sources")
public class SourcesResource {

  public record UrlsRequest(@NotNull @NotEmpty @Size(max = 100) List<@NotBlank String> urls) {}

  public record TextRequest(@NotBlank @Size(max = 500) String title, @NotBlank String text, @Size(max = 200) String externalId) {}

  public record YoutubeRequest(@NotBlank String url) {}

  public record BatchResult(List<ItemResult> items) {}

  public record RefreshResult(UUID sourceId, String outcome, String status) {}

  private final WorkspaceService workspaces;
  private final IngestService ingest;
  private final SourceService sources;
  private final Uploads uploads;

  public SourcesResource(WorkspaceService workspaces, IngestService ingest, SourceService sources, Uploads uploads) {
    this.workspaces = workspaces;
    this.ingest = ingest;
    this.sources = sources;
    this.uploads = uploads;
  }

  @POST
  @Path("/urls")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed
  @Operation(summary = "Add web pages or documents by URL; answers per item")
  public BatchResult addUrls(@Parameter(hidden = true) @HeaderParam(WorkspaceService.HEADER) String ws, @NotNull @Valid UrlsRequest body) {
    UUID workspace = workspaces.resolve(ws);
    return new BatchResult(body.urls().stream().map(u -> ingest.addUrl(workspace, null, u.strip())).toList());
  }

  @POST
  @Path("/files")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Timed
  @Operation(summary = "Upload files (multipart field `files`, repeatable); answers per file")
  public BatchResult addFiles(@Parameter(hidden = true) @HeaderParam(WorkspaceService.HEADER) String ws,
      @Parameter(hidden = true) @FormDataParam("files") List<FormDataBodyPart> files) {
    UUID workspace = workspaces.resolve(ws);
    if (files == null || files.isEmpty()) {
      throw new ApiException(422, "no files: send one or more multipart parts named `files`");
    }
    return new BatchResult(files.stream().map(part -> uploads.ingest(workspace, part)).toList());
  }

  @POST
  @Path("/text")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed
  @Operation(summary = "Add raw text as a source")
  public Response addText(@Parameter(hidden = true) @HeaderParam(WorkspaceService.HEADER) String ws, @NotNull @Valid TextRequest body) {
    return single(ingest.addText(workspaces.resolve(ws), null, body.title(), body.text(), body.externalId()));
  }

  @POST
  @Path("/youtube")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed
  @Operation(summary = "Add a YouTube video by its transcript (watch, shorts or youtu.be URL)")
  public Response addYoutube(@Parameter(hidden = true) @HeaderParam(WorkspaceService.HEADER) String ws, @NotNull @Valid YoutubeRequest body) {
    return single(ingest.addYoutube(workspaces.resolve(ws), null, body.url().strip()));
  }

  @GET
  @Timed
  @Operation(summary = "List sources, newest first, filtered by kind, status and title/URL text")
  public SourceService.Page list(@Parameter(hidden = true) @HeaderParam(WorkspaceService.HEADER) String ws,
      @QueryParam("kind") String kind, @QueryParam("status") String status, @QueryParam("q") String q,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
    return sources.list(workspaces.resolve(ws), kind, status, q, limit, offset);
  }

  @GET
  @Path("/{id}")
  @Timed
  @Operation(summary = "One source with its chunks")
  public SourceView get(@Parameter(hidden = true) @HeaderParam(WorkspaceService.HEADER) String ws, @PathParam("id") String id) {
    return sources.get(workspaces.resolve(ws), parseId(id));
  }

  @DELETE
  @Path("/{id}")
  @Timed
  @Operation(summary = "Delete a source; its chunks leave both indexes")
  public Response delete(@Parameter(hidden = true) @HeaderParam(WorkspaceService.HEADER) String ws, @PathParam("id") String id) {
    sources.delete(workspaces.resolve(ws), parseId(id));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/refresh")
  @Timed
  @Operation(summary = "Re-fetch a URL source; unchanged content is a no-op, changed content replaces its chunks")
  public RefreshResult refresh(@Parameter(hidden = true) @HeaderParam(WorkspaceService.HEADER) String ws, @PathParam("id") String id) {
    UUID workspace = workspaces.resolve(ws);
    UUID sourceId = parseId(id);
    IngestService.RefreshOutcome outcome = ingest.refresh(workspace, sourceId);
    return new RefreshResult(sourceId, outcome.name().toLowerCase(java.util.Locale.ROOT), sources.get(workspace, sourceId).status());
  }

  /** A malformed id is as unknown as someone else's: 404, so ids cannot be probed. */
  static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("Source not found");
    }
  }

  static Response single(ItemResult item) {
    if (item.isFailed()) {
      throw new ApiException(item.code(), item.error(), item);
    }
    return Response.status(item.status().equals("accepted") ? 201 : 200).entity(new BatchResult(List.of(item))).build();
  }
}
