package dev.minirag.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.ApiResources;
import dev.minirag.testing.Http;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.testing.WiredApp;
import dev.minirag.tracing.TracedSpan;
import dev.minirag.tracing.Tracing;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request ids, security headers, health, version, metrics, OpenAPI and the console. */
class PlumbingIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(WiredApp.class, DB);

  private final Http http = new Http(APP);

  private Response get(String path) {
    return http.get(path);
  }

  private Response getWithRequestId(String id) {
    return http.send("GET", "/api/v1/version", null, Map.of("X-Request-Id", id));
  }

  @Test
  void requestIdIsEchoedWhenGivenAndGeneratedOtherwise() {
    Response given = getWithRequestId("abc-123");
    assertThat(given.getHeaderString("X-Request-Id")).isEqualTo("abc-123");

    Response made = get("/api/v1/version");
    assertThat(made.getHeaderString("X-Request-Id")).matches("[0-9a-f-]{36}");

    Response hostile = getWithRequestId("bad id\twith spaces");
    assertThat(hostile.getHeaderString("X-Request-Id")).matches("[0-9a-f-]{36}");
  }

  @Test
  void apiResponsesCarrySecurityHeadersAndAreNotCached() {
    Response r = get("/api/v1/version");
    assertThat(r.getHeaderString("Content-Security-Policy"))
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(r.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.getHeaderString("Referrer-Policy")).isNotBlank();
    assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
    assertThat(r.getHeaderString("Strict-Transport-Security"))
        .as("the public URL is plain http")
        .isNull();
  }

  @Test
  void healthReportsEveryCheckHealthy() {
    Response r = get("/api/v1/health");
    assertThat(r.getStatus()).isEqualTo(200);
    JsonNode body = r.readEntity(JsonNode.class);
    assertThat(body.get("status").asText()).isEqualTo("ok");
    for (String check : new String[] {"database", "pgvector", "migrations", "index"}) {
      assertThat(body.at("/checks/" + check + "/healthy").asBoolean()).as(check).isTrue();
    }
    // the console's service status shows both figures
    assertThat(body.get("indexLag").isIntegralNumber()).isTrue();
    assertThat(body.get("indexLag").asLong()).isZero();
    assertThat(body.get("queuedJobs").isIntegralNumber()).isTrue();
    assertThat(body.get("queuedJobs").asLong()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void withoutAnOtlpEndpointTracingIsOff() {
    Tracing tracing = ((WiredApp) APP.getApplication()).context().tracing();
    assertThat(tracing).isSameAs(Tracing.OFF);
    assertThat(tracing.isOn()).isFalse();
    assertThat(get("/api/v1/health").getStatus()).isEqualTo(200);
    assertThat(tracing.root("job embed")).isSameAs(TracedSpan.NONE);
  }

  @Test
  void healthAtTheRootIsTheHealthJsonNotTheConsole() {
    Response r = get("/health");
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getMediaType().toString()).startsWith("application/json");
    assertThat(r.readEntity(JsonNode.class).get("status").asText()).isEqualTo("ok");
    assertThat(get("/api/v1/no-such-thing").getStatus()).isEqualTo(404);
  }

  @Test
  void healthChecksLeaveNoTransactionOpenOnPooledConnections() throws Exception {
    // Liquibase (the migrations check) turns autocommit off; a leak would swallow later commits.
    for (int i = 0; i < 20; i++) {
      assertThat(get("/api/v1/health").getStatus()).isEqualTo(200);
    }
    org.jdbi.v3.core.Jdbi jdbi = org.jdbi.v3.core.Jdbi.create(DB.dataSource());
    int idleInTransaction =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'")
                    .mapTo(Integer.class)
                    .one());
    assertThat(idleInTransaction).isZero();
  }

  @Test
  void versionNamesTheBuild() {
    JsonNode body = get("/api/v1/version").readEntity(JsonNode.class);
    assertThat(body.get("name").asText()).isEqualTo("mini-rag");
    assertThat(body.get("version").asText()).isNotBlank().isNotEqualTo("unknown");
    assertThat(body.get("startedAt").asText()).isNotBlank();
  }

  @Test
  void metricsAreInPrometheusTextFormat() {
    get("/api/v1/version"); // make sure a resource timer has a sample
    Response r = get("/metrics");
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getMediaType().toString()).startsWith("text/plain");
    String text = r.readEntity(String.class);
    assertThat(text).contains("# TYPE jvm_memory_bytes_used gauge");
    assertThat(text).contains("dev_minirag_health_version_resource_version");
    // Every sample line is `name{labels} value` with a legal metric name.
    Pattern sample = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? \\S+( \\d+)?$");
    text.lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .forEach(l -> assertThat(sample.matcher(l).matches()).as(l).isTrue());
  }

  @Test
  void openApiListsEveryResource() {
    JsonNode doc = get("/api/openapi.json").readEntity(JsonNode.class);
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    JsonNode paths = doc.get("paths");
    for (String path : ApiResources.paths(APP.getEnvironment())) {
      assertThat(paths.has(path)).as("OpenAPI lists " + path).isTrue();
    }
    assertThat(paths.has("/v1/health")).isTrue();
    assertThat(paths.has("/v1/version")).isTrue();
  }

  @Test
  void consoleIndexAndDeepLinksAreServed() {
    Response index = get("/");
    assertThat(index.getStatus()).isEqualTo(200);
    String html = index.readEntity(String.class);
    assertThat(html).containsIgnoringCase("<title>Mini-RAG</title>");

    // /ask is both the console's Ask screen (GET) and the predecessor's question endpoint (POST).
    assertThat(get("/ask").readEntity(String.class)).isEqualTo(html);
    Response deepLink = get("/sources/some-id");
    assertThat(deepLink.getStatus()).isEqualTo(200);
    assertThat(deepLink.readEntity(String.class)).isEqualTo(html);

    var script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
    assertThat(script.find()).as("index.html references a built script").isTrue();
    Response asset = get(script.group(1));
    assertThat(asset.getStatus()).isEqualTo(200);
    assertThat(asset.getMediaType().toString()).contains("javascript");
  }

  @Test
  void consoleIconIsServedFromTheServiceItselfSoTheCspAllowsIt() {
    String html = get("/").readEntity(String.class);
    var icon = Pattern.compile("<link rel=\"icon\"[^>]* href=\"([^\"]+)\"").matcher(html);
    assertThat(icon.find()).as("index.html names an icon").isTrue();
    // default-src 'self' covers images: the icon must be a path on this origin, not a data: URL.
    assertThat(icon.group(1)).startsWith("/").doesNotStartWith("//");
    Response r = get(icon.group(1));
    assertThat(r.getStatus()).isEqualTo(200);
    // nosniff is on: a wrong type would not be drawn.
    assertThat(r.getMediaType().toString()).startsWith("image/svg+xml");
    assertThat(r.readEntity(String.class)).startsWith("<svg");
    assertThat(r.getHeaderString("Content-Security-Policy")).contains("default-src 'self'");
  }
}
