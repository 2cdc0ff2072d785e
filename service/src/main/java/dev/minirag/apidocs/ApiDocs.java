package dev.minirag.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;

/** The OpenAPI document's frame: title, server, the API-key scheme and the one error shape. */
public final class ApiDocs {

  /** The security scheme every authenticated operation requires (Swagger UI's Authorize). */
  public static final String API_KEY = "apiKey";

  /** The console's session cookie (browsers send it themselves; Swagger UI cannot set it). */
  public static final String SESSION = "session";

  public static final String ERROR_SCHEMA = "Error";

  private ApiDocs() {}

  public static OpenAPI base(String version) {
    Schema<?> error =
        new ObjectSchema()
            .description(
                "The one shape of every non-2xx answer. `requestId` matches the `X-Request-Id`"
                    + " response header; a 5xx answer carries only the request id.")
            .addProperty("code", new IntegerSchema().description("the HTTP status").example(422))
            .addProperty(
                "message",
                new StringSchema()
                    .description("what went wrong, written for people")
                    .example("Request is invalid"))
            .addProperty(
                "details",
                new Schema<>()
                    .description(
                        "more about it when there is more: the invalid fields of a 422, the limit of"
                            + " a 429, the billing state of a 402")
                    .example(List.of(Map.of("field", "text", "message", "must not be blank"))))
            .addProperty(
                "requestId",
                new StringSchema()
                    .description("the request's id, also in the X-Request-Id header")
                    .example("0b6f1c2e9d8a4f51"));
    error.setRequired(List.of("code", "message"));
    return new OpenAPI()
        .info(
            new Info()
                .title("Mini-RAG API")
                .version(version)
                .description(
                    "Multi-tenant retrieval-augmented question answering over your documents."
                        + " Authenticate with an API key (`X-API-Key: mrk_…`, bound to one"
                        + " workspace): press **Authorize** and paste it. Every error answers the"
                        + " `Error` shape."))
        .servers(List.of(new Server().url("/api")))
        .components(
            new Components()
                .addSchemas(ERROR_SCHEMA, error)
                .addSecuritySchemes(
                    API_KEY,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-API-Key")
                        .description(
                            "An API key (`mrk_…`) made in the console or with `POST"
                                + " /api/v1/api-keys`, bound to one workspace; `Authorization:"
                                + " ApiKey mrk_…` works too. A key wins over a cookie."))
                .addSecuritySchemes(
                    SESSION,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name("__Host-minirag_session")
                        .description(
                            "The console's session cookie, set by sign-in (`minirag_session` when"
                                + " `MINIRAG_COOKIE_SECURE=false` on plain-HTTP localhost). Unsafe"
                                + " methods also need the `X-CSRF-Token` header (the `csrf_token`"
                                + " cookie's value); `X-Workspace-Id` picks the workspace.")))
        // Either scheme: an API key, or the console's session.
        .security(
            List.of(
                new SecurityRequirement().addList(API_KEY),
                new SecurityRequirement().addList(SESSION)));
  }
}
