package dev.minirag.legacy;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.ask.AskResponses;
import dev.minirag.common.ApiException;
import dev.minirag.documents.SourceIntake;
import dev.minirag.documents.SourceKind;
import dev.minirag.documents.SourceService;
import dev.minirag.documents.SourceStatus;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * The predecessor's paths, kept for its clients: same behaviour as the /v1 endpoints they point to,
 * marked with a Deprecation header and a Link to the successor. `/ask` outside /api is forwarded
 * here by the console filter.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deprecated")
public class LegacyResource {
  /** The predecessor's clients send extra fields; old bodies stay lenient. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LegacyUrls(List<String> urls) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LegacyAsk(@JsonAlias("query") String question, Integer k) {}

  private final SourceIntake intake;
  private final SourceService sources;
  private final AskResponses ask;

  public LegacyResource(SourceIntake intake, SourceService sources, AskResponses ask) {
    this.intake = intake;
    this.sources = sources;
    this.ask = ask;
  }

  @POST
  @Path("ingest_urls")
  @RolesAllowed(Permissions.WRITE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(deprecated = true, summary = "Deprecated: use POST /v1/sources/urls")
  public Response ingestUrls(
      @Parameter(hidden = true) @Auth Caller caller, @NotNull LegacyUrls body) {
    if (body.urls() == null || body.urls().isEmpty() || body.urls().size() > 100) {
      throw new ApiException(422, "urls must list 1 to 100 URLs");
    }
    // Lenient as the old bodies are, a null entry is no URL at all (the new endpoint's validation
    // refuses it too).
    if (body.urls().contains(null)) {
      throw new ApiException(422, "urls must not contain null");
    }
    return deprecated(Response.ok(intake.addUrls(caller, body.urls())), "/api/v1/sources/urls");
  }

  @POST
  @Path("ingest_files")
  @RolesAllowed(Permissions.WRITE)
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(deprecated = true, summary = "Deprecated: use POST /v1/sources/files")
  public Response ingestFiles(
      @Parameter(hidden = true) @Auth Caller caller,
      @Parameter(hidden = true) @FormDataParam("files") List<FormDataBodyPart> files) {
    return deprecated(Response.ok(intake.addFiles(caller, files)), "/api/v1/sources/files");
  }

  @GET
  @Path("sources")
  @RolesAllowed(Permissions.READ)
  @Operation(deprecated = true, summary = "Deprecated: use GET /v1/sources")
  public Response listSources(
      @Parameter(hidden = true) @Auth Caller caller,
      @QueryParam("kind") String kind,
      @QueryParam("status") String status,
      @QueryParam("q") String q,
      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
    SourceService.Page page =
        sources.list(
            caller.workspace(),
            SourceKind.parseFilter(kind),
            SourceStatus.parseFilter(status),
            q,
            limit,
            offset);
    return deprecated(Response.ok(page), "/api/v1/sources");
  }

  @POST
  @Path("ask")
  @RolesAllowed(Permissions.READ)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, "text/event-stream"})
  @Operation(deprecated = true, summary = "Deprecated: use POST /v1/ask")
  public Response ask(
      @Parameter(hidden = true) @Auth Caller caller,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept,
      @NotNull LegacyAsk body) {
    Response r = ask.answer(caller, accept, body.question(), body.k(), null);
    return deprecated(Response.fromResponse(r), "/api/v1/ask");
  }

  private static Response deprecated(Response.ResponseBuilder r, String successor) {
    return r.header("Deprecation", "true")
        .header("Link", "<" + successor + ">; rel=\"successor-version\"")
        .build();
  }
}
