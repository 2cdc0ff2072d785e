package dev.minirag.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus files, for real: promtool checks the config and the alert rules and runs
 * every alert's unit test; Debian's prometheus scrapes the running service with the shipped config
 * (target rewritten) and answers queries for its series; the Grafana dashboard only queries
 * families the catalog documents.
 */
class PrometheusScrapeIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(MiniRagApplication.class, DB);

  static final Path OPS = TestApp.repoRoot().resolve("docs/ops");
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void promtoolAcceptsTheConfigTheRulesAndTheirTests() throws Exception {
    assertThat(run(OPS, "promtool", "check", "config", "prometheus.yml")).isZero();
    assertThat(run(OPS, "promtool", "check", "rules", "alerts.yml")).isZero();
    assertThat(run(OPS, "promtool", "test", "rules", "alerts.test.yml")).isZero();
  }

  @Test
  void prometheusScrapesTheServiceWithTheShippedConfig() throws Exception {
    JsonNode health =
        get("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/health"); // a request to be counted
    assertThat(health.get("status").asText()).isEqualTo("ok");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String config =
        Files.readString(OPS.resolve("prometheus.yml"))
            .replace("\"127.0.0.1:8080\"", "\"127.0.0.1:" + APP.getLocalPort() + "\"")
            .replace("scrape_interval: 15s", "scrape_interval: 1s")
            .replace("- alerts.yml", "- " + OPS.resolve("alerts.yml"));
    Path file = tmp.resolve("prometheus.yml");
    Files.writeString(file, config);
    Process prometheus =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + file,
                "--storage.tsdb.path=" + tmp.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("prometheus.log").toFile())
            .start();
    try {
      String base = "http://127.0.0.1:" + port;
      JsonNode up = waitFor(base, "up{job=\"minirag\"} == 1", 60);
      assertThat(up).as(Files.readString(tmp.resolve("prometheus.log"))).isNotEmpty();
      assertThat(
              waitFor(
                  base,
                  "minirag_http_request_duration_seconds_count{route=\"/api/v1/health\"}",
                  30))
          .isNotEmpty();
      JsonNode database = query(base, "minirag_health_check_ok{check=\"database\"}");
      assertThat(database.get(0).get("value").get(1).asText()).isEqualTo("1");
      JsonNode rules = get(base + "/api/v1/rules");
      assertThat(rules.toString())
          .contains("MiniRagDown", "MiniRagIndexLagGrowing", "MiniRagDependencyUnhealthy");
    } finally {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly();
      }
    }
  }

  @Test
  void theDashboardQueriesOnlyDocumentedFamilies() throws Exception {
    JsonNode dashboard = JSON.readTree(OPS.resolve("grafana-dashboard.json").toFile());
    Set<String> documented = MetricsCatalogIT.documented();
    Pattern family = Pattern.compile("minirag_[a-z0-9_]+");
    int queries = 0;
    Set<String> queried = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        queries++;
        Matcher m = family.matcher(target.get("expr").asText());
        while (m.find()) {
          String name =
              m.group().replaceFirst("_(bucket|count|sum)$", "").replaceFirst("_total$", "");
          assertThat(documented).as(panel.get("title").asText()).contains(name);
          queried.add(name);
        }
      }
    }
    assertThat(queries).isGreaterThanOrEqualTo(10);
    // Not vacuous: the queries did name our families (a changed naming would match none).
    assertThat(queried).contains("minirag_http_request_duration_seconds", "minirag_searches");
  }

  private static JsonNode waitFor(String base, String promql, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonNode result = JSON.createArrayNode();
    while (System.nanoTime() < deadline) {
      try {
        result = query(base, promql);
        if (!result.isEmpty()) {
          return result;
        }
      } catch (IOException notUpYet) {
        // prometheus is still starting
      }
      Thread.sleep(250);
    }
    return result;
  }

  private static JsonNode query(String base, String promql) throws Exception {
    JsonNode body =
        get(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    assertThat(body.get("status").asText()).isEqualTo("success");
    return body.get("data").get("result");
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }

  private static int run(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(List.of(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (p.exitValue() != 0) {
      System.out.println(String.join(" ", command) + ":\n" + out);
    }
    return p.exitValue();
  }
}
