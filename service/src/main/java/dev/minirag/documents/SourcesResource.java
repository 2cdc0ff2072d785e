package dev.minirag.documents;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.ApiException;
import dev.minirag.common.Fails;
import dev.minirag.common.PathIds;
import dev.minirag.jobs.JobKind;
import dev.minirag.jobs.JobQueue;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataParam;

@Path("/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sources")
public class SourcesResource {

  public record UrlsRequest(
      @Schema(example = "[\"https://example.com/guide.html\"]") @NotNull @NotEmpty @Size(max = 100)
          List<@NotBlank String> urls) {}

  public record TextRequest(
      @Schema(example = "Lighthouse log") @NotBlank @Size(max = 500) String title,
      @Schema(example = "The keeper polished the Fresnel lens every morning at dawn.") @NotBlank
          String text,
      @Schema(example = "log-2026-12-05", description = "your own id, optional") @Size(max = 200)
          String externalId) {}

  public record YoutubeRequest(
      @Schema(example = "https://youtu.be/dQw4w9WgXcQ") @NotBlank String url) {}

  public record BatchResult(List<ItemResult> items) {}

  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record RefreshResult(
      UUID sourceId,
      @Schema(implementation = String.class) IngestService.RefreshOutcome outcome,
      @Schema(implementation = String.class) SourceStatus status,
      UUID jobId) {}

  /** A job started by a request: follow it at {@code GET /api/v1/jobs/{jobId}}. */
  public record JobStarted(UUID jobId) {}

  /** {@code resyncInterval}: off, hourly, daily, weekly, or null for the workspace default. */
  public record SourcePatch(@Size(max = 20) String resyncInterval) {}

  public record ResyncDefault(@NotBlank @Size(max = 20) String interval) {}

  private final IngestService ingest;
  private final SourceService sources;
  private final SourceIntake intake;
  private final AuditLog audit;
  private final JobQueue jobs;

  public SourcesResource(
      IngestService ingest,
      SourceService sources,
      SourceIntake intake,
      AuditLog audit,
      JobQueue jobs) {
    this.jobs = jobs;
    this.ingest = ingest;
    this.sources = sources;
    this.intake = intake;
    this.audit = audit;
  }

  @POST
  @Path("/urls")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed
  @RolesAllowed(Permissions.WRITE)
  @Fails(
      status = 402,
      when =
          "The organization's trial ended without a subscription, or a lapsed payment outlived its grace period (`details` says which; reading is never refused)")
  @Operation(summary = "Add web pages or documents by URL; answers per item")
  public BatchResult addUrls(
      @Parameter(hidden = true) @Auth Caller caller, @NotNull @Valid UrlsRequest body) {
    return intake.addUrls(caller, body.urls());
  }

  @POST
  @Path("/files")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Timed
  @RolesAllowed(Permissions.WRITE)
  @Fails(
      status = 402,
      when = "The organization's trial ended or its payment lapsed (`details` says which)")
  @Fails(
      status = 413,
      when =
          "More files than `INGEST_MAX_FILES_PER_REQUEST`; a single file's failure (too large, unsupported, nothing extractable) is an item, not the answer")
  @Operation(summary = "Upload files (multipart field `files`, repeatable); answers per file")
  public BatchResult addFiles(
      @Parameter(hidden = true) @Auth Caller caller,
      @Parameter(hidden = true) @FormDataParam("files") List<FormDataBodyPart> files) {
    return intake.addFiles(caller, files);
  }

  @POST
  @Path("/text")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed
  @RolesAllowed(Permissions.WRITE)
  @Fails(
      status = 402,
      when = "The organization's trial ended or its payment lapsed (`details` says which)")
  @Fails(status = 413, when = "The text is over the size a source may have")
  @Fails(status = 422, when = "Nothing could be extracted from the text")
  @Fails(status = 429, when = "A quota (stored sources or chunks) would be passed")
  @Operation(summary = "Add raw text as a source")
  public Response addText(
      @Parameter(hidden = true) @Auth Caller caller, @NotNull @Valid TextRequest body) {
    return single(intake.addText(caller, body.title(), body.text(), body.externalId()));
  }

  @POST
  @Path("/youtube")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed
  @RolesAllowed(Permissions.WRITE)
  @Fails(status = 402, when = "The organization's trial ended or its payment lapsed")
  @Fails(status = 422, when = "The URL is not a YouTube video, or the video has no transcript")
  @Fails(
      status = 502,
      when = "YouTube could not be reached: upload the transcript as a .vtt file instead")
  @Fails(status = 503, when = "Every fetch slot is busy: retry after `Retry-After` seconds")
  @Operation(summary = "Add a YouTube video by its transcript (watch, shorts or youtu.be URL)")
  public Response addYoutube(
      @Parameter(hidden = true) @Auth Caller caller, @NotNull @Valid YoutubeRequest body) {
    return single(intake.addYoutube(caller, body.url()));
  }

  @GET
  @Timed
  @RolesAllowed(Permissions.READ)
  @Operation(summary = "List sources, newest first, filtered by kind, status and title/URL text")
  public SourceService.Page list(
      @Parameter(hidden = true) @Auth Caller caller,
      @QueryParam("kind") String kind,
      @QueryParam("status") String status,
      @QueryParam("q") String q,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
    return sources.list(
        caller.workspace(),
        SourceKind.parseFilter(kind),
        SourceStatus.parseFilter(status),
        q,
        limit,
        offset);
  }

  @GET
  @Path("/{id}")
  @Timed
  @RolesAllowed(Permissions.READ)
  @Operation(summary = "One source with its chunks")
  public SourceView get(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id) {
    return sources.get(caller.workspace(), PathIds.parse(id, "Source"));
  }

  @DELETE
  @Path("/{id}")
  @Timed
  @RolesAllowed(Permissions.WRITE)
  @Operation(summary = "Delete a source; its chunks leave both indexes")
  public Response delete(
      @Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id) {
    UUID sourceId = PathIds.parse(id, "Source");
    sources.delete(caller.workspace(), sourceId);
    audit.record(
        caller, AuditActions.SOURCE_DELETE, caller.workspace(), sourceId.toString(), Map.of());
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/refresh")
  @Timed
  @RolesAllowed(Permissions.WRITE)
  @Fails(status = 402, when = "The organization's trial ended or its payment lapsed")
  @Fails(
      status = 409,
      when =
          "The source is not a URL or YouTube video, or its new content duplicates another source")
  @Fails(
      status = 503,
      when = "Every fetch or parser slot is busy: retry after `Retry-After` seconds")
  @Operation(
      summary =
          "Re-fetch a URL source; unchanged content is a no-op, changed content replaces its chunks")
  public RefreshResult refresh(
      @Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id) {
    UUID workspace = caller.workspace();
    UUID sourceId = PathIds.parse(id, "Source");
    ingest.admit(workspace);
    IngestService.Refreshed r = ingest.refresh(workspace, sourceId, caller.userId());
    if (r.jobId() != null) {
      audit.record(
          caller,
          AuditActions.JOB_START,
          workspace,
          r.jobId().toString(),
          Map.of("kind", "resync", "sourceId", sourceId));
    }
    return new RefreshResult(
        sourceId, r.outcome(), sources.get(workspace, sourceId).status(), r.jobId());
  }

  @POST
  @Path("/{id}/resync")
  @Timed
  @RolesAllowed(Permissions.WRITE)
  @Fails(status = 402, when = "The organization's trial ended or its payment lapsed")
  @Fails(status = 409, when = "The source is not a URL or YouTube video")
  @Operation(
      summary =
          "Queue a re-sync of a URL or YouTube source (conditional fetch; only changed chunks are re-embedded); 202 with the job id")
  public Response resync(
      @Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id) {
    UUID workspace = caller.workspace();
    UUID sourceId = PathIds.parse(id, "Source");
    ingest.admit(workspace);
    sources.requireResyncable(workspace, sourceId);
    return started(
        caller,
        JobKind.RESYNC,
        jobs.enqueue(workspace, JobKind.RESYNC, sourceId, Map.of(), caller.userId()),
        sourceId);
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed
  @RolesAllowed(Permissions.WRITE)
  @Operation(
      summary =
          "Set a URL or YouTube source's re-sync interval (off, hourly, daily, weekly; null = workspace default)")
  public SourceView patch(
      @Parameter(hidden = true) @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid SourcePatch body) {
    UUID sourceId = PathIds.parse(id, "Source");
    ResyncInterval interval =
        body.resyncInterval() == null ? null : ResyncInterval.parse(body.resyncInterval());
    SourceView view = sources.setResyncInterval(caller.workspace(), sourceId, interval);
    audit.record(
        caller,
        AuditActions.SOURCE_RESYNC_SETTINGS,
        caller.workspace(),
        sourceId.toString(),
        Map.of("resyncInterval", interval == null ? "default" : interval.wire()));
    return view;
  }

  @GET
  @Path("/resync-default")
  @Timed
  @RolesAllowed(Permissions.READ)
  @Operation(summary = "The workspace's default re-sync interval for URL and YouTube sources")
  public ResyncDefault resyncDefault(@Parameter(hidden = true) @Auth Caller caller) {
    return new ResyncDefault(sources.resyncDefault(caller.workspace()).wire());
  }

  @PUT
  @Path("/resync-default")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed
  @RolesAllowed(Permissions.ADMIN)
  @Operation(summary = "Set the workspace's default re-sync interval (off, hourly, daily, weekly)")
  public ResyncDefault setResyncDefault(
      @Parameter(hidden = true) @Auth Caller caller, @NotNull @Valid ResyncDefault body) {
    ResyncInterval interval = ResyncInterval.parse(body.interval());
    sources.setResyncDefault(caller.workspace(), interval);
    audit.record(
        caller,
        AuditActions.SOURCE_RESYNC_SETTINGS,
        caller.workspace(),
        caller.workspace().toString(),
        Map.of("defaultInterval", interval.wire()));
    return new ResyncDefault(interval.wire());
  }

  @POST
  @Path("/reindex")
  @Timed
  @RolesAllowed(Permissions.ADMIN)
  @Fails(status = 402, when = "The organization's trial ended or its payment lapsed")
  @Operation(
      summary =
          "Queue a re-chunk and re-embed of every source in the workspace (unchanged chunks keep their vectors); 202 with the job id")
  public Response reindex(@Parameter(hidden = true) @Auth Caller caller) {
    UUID workspace = caller.workspace();
    ingest.admit(workspace);
    return started(
        caller,
        JobKind.REINDEX,
        jobs.enqueue(workspace, JobKind.REINDEX, null, Map.of(), caller.userId()),
        null);
  }

  private Response started(Caller caller, JobKind kind, UUID jobId, UUID sourceId) {
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("kind", kind.wire());
    if (sourceId != null) {
      details.put("sourceId", sourceId);
    }
    audit.record(caller, AuditActions.JOB_START, caller.workspace(), jobId.toString(), details);
    return Response.status(202).entity(new JobStarted(jobId)).build();
  }

  static Response single(ItemResult item) {
    if (item.isFailed()) {
      // Item errors are written for the caller (upstream 502/504 included); internal ones carry
      // only a request id.
      ApiException e =
          ApiException.forCaller(
              item.code(), item.error(), item.details() != null ? item.details() : item);
      item.headers().forEach(e::withHeader);
      throw e;
    }
    return Response.status(item.status() == IngestOutcome.ACCEPTED ? 201 : 200)
        .entity(new BatchResult(List.of(item)))
        .build();
  }
}
