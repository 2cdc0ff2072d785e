package dev.minirag.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API reference page at /api/docs and every file it loads come from the service itself. */
class ApiDocsPageIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP = TestApp.create(DB);

  static final HttpClient CLIENT =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageAndEveryAssetItNamesAreServedFromTheService() throws Exception {
    for (String path : List.of("/api/docs", "/api/docs/")) {
      HttpResponse<String> page = get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      String html = page.body();
      assertThat(html).contains("<title>Mini-RAG API reference</title>");
      // No inline script and nothing from another origin: the page keeps the service's policy.
      assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
      assertThat(html).doesNotContain("http://", "https://", "//cdn");
      String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval");

      Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
      int count = 0;
      while (assets.find()) {
        count++;
        HttpResponse<String> asset = get(assets.group(1));
        assertThat(asset.statusCode()).as(assets.group(1)).isEqualTo(200);
        assertThat(asset.body()).as(assets.group(1)).isNotEmpty();
      }
      assertThat(count).isGreaterThanOrEqualTo(4);
    }
    HttpResponse<String> init = get("/api/docs/swagger-initializer.js");
    assertThat(init.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(init.body()).contains("url: '/api/openapi.json'").contains("validatorUrl: null");
    assertThat(get("/api/docs/swagger-ui-bundle.js").body()).contains("SwaggerUIBundle");
    assertThat(get("/api/openapi.json").statusCode()).isEqualTo(200);
  }

  @Test
  void anythingElseUnderDocsIsANotFoundInTheErrorShape() throws Exception {
    for (String path :
        List.of(
            "/api/docs/nope.js",
            "/api/docs/swagger-ui.js.map",
            "/api/docs/../minirag-build.properties",
            "/api/docs/oauth2-redirect.html")) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).contains("\"code\":404");
    }
  }
}
