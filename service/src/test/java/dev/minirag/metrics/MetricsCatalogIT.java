package dev.minirag.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scrape as Prometheus sees it: per-route request durations labelled by route template (never
 * by raw path), the exposition accepted by Prometheus's own {@code promtool check metrics}, and
 * every {@code minirag_} family documented in docs/metrics.md (and every documented one exported).
 */
class MetricsCatalogIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(MiniRagApplication.class, DB, Map.of("security.jwtSecret", SECRET));

  static final Pattern FAMILY = Pattern.compile("(?m)^# TYPE (minirag_[a-z0-9_]+) ");
  static final Pattern DOCUMENTED = Pattern.compile("`(minirag_[a-z0-9_]+)");

  @TempDir Path tmp;

  @Test
  void theScrapeIsLabelledByRouteLintCleanAndDocumented() throws Exception {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    UUID ws = f.signIn("metrics@example.test").defaultWorkspaceId();
    Map<String, String> key = Api.key(f.key(ws, "metrics", List.of("read")));
    Map<String, String> writer = Api.key(f.key(ws, "metrics-write", List.of("write")));
    Api api = new Api(APP.getLocalPort());
    String missing = UUID.randomUUID().toString();
    assertThat(api.get("/api/v1/health", Map.of()).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/sources/" + missing, key).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/sources/" + missing, Map.of()).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/no-such-route", Map.of()).status()).isEqualTo(404);
    Map<String, Object> text =
        Map.of("title", "Metrics", "text", "Prometheus scrapes the service every fifteen seconds.");
    assertThat(api.send("POST", "/api/v1/sources/text", writer, text).status()).isEqualTo(201);
    assertThat(api.send("POST", "/api/v1/sources/text", writer, text).status())
        .isEqualTo(200); // a duplicate
    assertThat(
            api.send(
                    "POST",
                    "/api/v1/search",
                    key,
                    Map.of("query", "prometheus scrapes", "mode", "bm25"))
                .status())
        .isEqualTo(200);
    assertThat(
            api.send(
                    "POST",
                    "/api/v1/ask",
                    key,
                    Map.of("question", "How often does Prometheus scrape?"))
                .status())
        .isEqualTo(200);

    String scrape = api.get("/metrics", Map.of()).body();

    assertThat(scrape)
        .contains(
            "minirag_http_request_duration_seconds_count{route=\"/api/v1/health\",method=\"GET\",status=\"200\",} 1.0")
        .contains(
            "minirag_http_request_duration_seconds_count{route=\"/api/v1/sources/{id}\",method=\"GET\",status=\"404\",}")
        .contains(
            "minirag_http_request_duration_seconds_count{route=\"/api/v1/sources/{id}\",method=\"GET\",status=\"401\",}")
        .contains(
            "minirag_http_request_duration_seconds_count{route=\"unmatched\",method=\"GET\",status=\"404\",}")
        .doesNotContain(missing)
        .contains("minirag_ingest_items_total{kind=\"text\",outcome=\"accepted\",} 1.0")
        .contains("minirag_ingest_items_total{kind=\"text\",outcome=\"duplicate\",} 1.0")
        .contains("minirag_searches_total{mode=\"bm25\",outcome=\"full\",} 1.0")
        .contains(
            "minirag_search_leg_duration_seconds_count{leg=\"bm25\",} 2.0") // the search, then the
        // ask's
        // The ingested text, then the answer's one candidate sentence compared with the question.
        .contains("minirag_embedded_texts_total{call=\"documents\",} 2.0")
        // One model call for the ask's question: its search embeds it, its answerer finds it
        // remembered.
        .contains("minirag_embedded_texts_total{call=\"query\",} 1.0")
        .containsPattern(
            "minirag_answer_duration_seconds_count\\{answerer=\"[a-z-]+\",outcome=\"ok\",} 1.0")
        .containsPattern("(?m)^minirag_index_lag_changes \\d")
        .containsPattern("(?m)^minirag_index_rebuilds_total [1-9]");

    Path file = tmp.resolve("scrape.txt");
    Files.writeString(file, scrape);
    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String lint = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue()).as("promtool check metrics:\n" + lint).isZero();

    Set<String> exported = names(FAMILY, scrape);
    Set<String> documented = documented();
    assertThat(documented).as("documented in docs/metrics.md").containsAll(exported);
    assertThat(exported).as("exported at /metrics").containsAll(documented);
  }

  /** The families docs/metrics.md documents, counters without {@code _total}. */
  static Set<String> documented() throws java.io.IOException {
    return names(DOCUMENTED, Files.readString(TestApp.repoRoot().resolve("docs/metrics.md")));
  }

  private static Set<String> names(Pattern p, String text) {
    Matcher m = p.matcher(text);
    Set<String> out = new TreeSet<>();
    while (m.find()) {
      String name = m.group(1);
      if (!name.endsWith(
          "_created")) { // the client's own creation-time families, one per counter/histogram
        out.add(name.replaceFirst("_total$", "")); // a counter's family is named without _total
      }
    }
    return out;
  }
}
