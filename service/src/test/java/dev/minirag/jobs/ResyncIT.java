package dev.minirag.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Api;
import dev.minirag.testing.Http;
import dev.minirag.testing.Jobs;
import dev.minirag.testing.LocalSite;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Re-sync of a URL source against a real local site: the conditional fetch (ETag → 304), a changed
 * paragraph re-embedding exactly the chunks whose text changed (counted by the model's own metric),
 * the old content kept searchable when a re-sync fails, and the scheduler queueing a due check.
 */
class ResyncIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @RegisterExtension static final LocalSite SITE = new LocalSite();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "ingest.fetchAllowList", "127.0.0.1/32",
              "ingest.youtubeTranscriptUrl", SITE.url("/api/timedtext"),
              "jobs.pollInterval", "200ms",
              "jobs.retryBackoff", "200ms",
              "jobs.maxAttempts", "2",
              "jobs.resyncScanInterval", "300ms"));

  static final Pattern DOCUMENT_TEXTS =
      Pattern.compile("minirag_embedded_texts_total\\{call=\"documents\",} ([0-9.E]+)");

  static final Http http = new Http(APP);
  static Api api;
  static Jdbi jdbi;

  @BeforeAll
  static void signIn() {
    http.as(TestCallers.owner(APP, DB).headers());
    api = new Api(http);
    jdbi = Jdbi.create(DB.dataSource());
  }

  /** Six paragraphs of about 900 characters, each its own chunk (target 1,000). */
  static String page(String third) {
    StringBuilder html =
        new StringBuilder("<html><head><title>Lighthouses of the north</title></head><body><main>");
    for (int i = 0; i < 6; i++) {
      String words =
          i == 2
              ? third
              : "Lighthouse "
                  + i
                  + " stands on a granite headland and its keeper logs the weather. ";
      html.append("<p>").append(words.repeat(900 / words.length() + 1)).append("</p>");
    }
    return html.append("</main></body></html>").toString();
  }

  @Test
  void onlyChangedChunksAreReEmbeddedAndAnUnchangedPageIsNotFetchedAgain() {
    SITE.put(
        "/north.html",
        "text/html",
        page("The third lamp burns whale oil and is trimmed every four hours. "));
    String id =
        api.post("/api/v1/sources/urls", Map.of("urls", List.of(SITE.url("/north.html"))), 200)
            .at("/items/0/sourceId")
            .asText();
    List<String> before = chunkTexts(id);
    Map<String, String> vectorsBefore = vectors(id);
    assertThat(before).hasSizeGreaterThanOrEqualTo(4);

    double embeddedAtStart = documentTexts();
    JsonNode notModified = runResync(id);
    assertThat(notModified.get("status").asText()).isEqualTo("succeeded");
    assertThat(notModified.at("/result/outcome").asText())
        .as("the site answered 304 to If-None-Match")
        .isEqualTo("not_modified");
    assertThat(documentTexts()).isEqualTo(embeddedAtStart);
    JsonNode checked = api.get("/api/v1/sources/" + id, 200).get("resync");
    assertThat(checked.has("lastCheckedAt")).isTrue();
    assertThat(checked.has("lastChangedAt")).as("never changed yet").isFalse();

    SITE.put(
        "/north.html",
        "text/html",
        page("The third lamp now runs on solar panels charged over the long summer. "));
    JsonNode changed = runResync(id);
    List<String> after = chunkTexts(id);
    Set<String> newTexts = new HashSet<>(after);
    newTexts.removeAll(before);
    assertThat(newTexts)
        .as("the changed paragraph's chunk(s)")
        .isNotEmpty()
        .hasSizeLessThan(after.size());
    assertThat(changed.at("/result/outcome").asText()).isEqualTo("changed");
    assertThat(changed.at("/result/embedded").asInt()).isEqualTo(newTexts.size());
    assertThat(changed.at("/result/reused").asInt()).isEqualTo(after.size() - newTexts.size());
    assertThat(documentTexts() - embeddedAtStart)
        .as("texts the model embedded")
        .isEqualTo(newTexts.size());
    Map<String, String> vectorsAfter = vectors(id);
    for (String text : after) {
      if (!newTexts.contains(text)) {
        assertThat(vectorsAfter.get(text))
            .as("an unchanged chunk keeps its vector")
            .isNotNull()
            .isEqualTo(vectorsBefore.get(text));
      }
    }
    assertThat(api.get("/api/v1/sources/" + id, 200).at("/resync/lastChangedAt").isMissingNode())
        .isFalse();
    assertThat(searchHits("solar panels summer")).contains(id);
    // The words the third paragraph kept find its new text, and its old text is gone.
    assertThat(searchHits("third lamp whale oil"))
        .contains("solar panels")
        .doesNotContain("whale oil");
  }

  @Test
  void aYoutubeTranscriptIsResyncedByItsContentHash() {
    SITE.put(
        "/api/timedtext",
        "text/vtt",
        dev.minirag.testing.Fixtures.vtt(
            "Knead the dough for ten minutes.", "Let it rise overnight."));
    String id =
        api.post("/api/v1/sources/youtube", Map.of("url", "https://youtu.be/aBcDeFgHiJk"), 201)
            .at("/items/0/sourceId")
            .asText();
    assertThat(runResync(id).at("/result/outcome").asText())
        .as("no validators: the same text")
        .isEqualTo("unchanged");
    SITE.put(
        "/api/timedtext",
        "text/vtt",
        dev.minirag.testing.Fixtures.vtt(
            "Knead the dough for ten minutes.", "Let it rise for two hours."));
    JsonNode changed = runResync(id);
    assertThat(changed.at("/result/outcome").asText()).isEqualTo("changed");
    assertThat(api.get("/api/v1/sources/" + id, 200).at("/chunks/0/text").asText())
        .contains("two hours");
  }

  @Test
  void aFailedResyncKeepsTheOldContentSearchable() {
    SITE.put(
        "/kept.html",
        "text/html",
        "<html><body><p>Puffins nest in burrows on the cliff top every spring.</p></body></html>");
    String id =
        api.post("/api/v1/sources/urls", Map.of("urls", List.of(SITE.url("/kept.html"))), 200)
            .at("/items/0/sourceId")
            .asText();
    SITE.remove("/kept.html");
    JsonNode failed = runResync(id);
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("attempts").asInt())
        .as("a page that is gone is not retried")
        .isEqualTo(1);
    assertThat(failed.get("lastError").asText())
        .contains("127.0.0.1")
        .contains("stored content is kept")
        .doesNotContain("Exception")
        .doesNotContain("at dev.");
    JsonNode source = api.get("/api/v1/sources/" + id, 200);
    assertThat(source.get("status").asText()).isEqualTo("ready");
    assertThat(source.at("/chunks/0/text").asText()).contains("Puffins");
    assertThat(searchHits("puffins burrows cliff")).contains(id);
  }

  @Test
  void aSiteThatIsDownIsRetriedWithBackoffUntilTheAttemptsAreUsedUp() {
    SITE.put(
        "/down.html",
        "text/html",
        "<html><body><p>Cormorants dry their wings in the sun.</p></body></html>");
    String id =
        api.post("/api/v1/sources/urls", Map.of("urls", List.of(SITE.url("/down.html"))), 200)
            .at("/items/0/sourceId")
            .asText();
    SITE.fail("/down.html", 503);
    JsonNode failed = runResync(id);
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("attempts").asInt()).as("retried once (jobs.maxAttempts 2)").isEqualTo(2);
    assertThat(failed.get("lastError").asText()).contains("503").contains("stored content is kept");
    OffsetDateTime started = OffsetDateTime.parse(failed.get("startedAt").asText());
    OffsetDateTime finished = OffsetDateTime.parse(failed.get("finishedAt").asText());
    assertThat(java.time.Duration.between(started, finished))
        .as("the retry waited its backoff (200 ms)")
        .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(200));
    assertThat(searchHits("cormorants dry wings")).contains(id);
  }

  @Test
  void aDueSourceIsResyncedByTheSchedulerAndItsNextCheckMovesOn() {
    SITE.put(
        "/due.html",
        "text/html",
        "<html><body><p>Gannets dive from thirty metres.</p></body></html>");
    String id =
        api.post("/api/v1/sources/urls", Map.of("urls", List.of(SITE.url("/due.html"))), 200)
            .at("/items/0/sourceId")
            .asText();
    assertThat(api.get("/api/v1/sources/" + id, 200).at("/resync/effective").asText())
        .isEqualTo("off");

    JsonNode patched =
        api.send("PATCH", "/api/v1/sources/" + id, Map.of("resyncInterval", "hourly"), 200);
    assertThat(patched.at("/resync/interval").asText()).isEqualTo("hourly");
    OffsetDateTime next = OffsetDateTime.parse(patched.at("/resync/nextCheckAt").asText());
    assertThat(next).isAfter(OffsetDateTime.now().plusMinutes(50));
    assertThat(jobsFor(id)).as("not due for an hour").isEmpty();

    SITE.put(
        "/due.html",
        "text/html",
        "<html><body><p>Gannets dive from thirty metres at sixty miles an hour.</p></body></html>");
    jdbi.useHandle(
        h ->
            h.execute(
                "UPDATE sources SET last_checked_at = now() - interval '2 hours', next_check_at = NULL WHERE id = ?",
                UUID.fromString(id)));
    JsonNode job =
        Jobs.await(
            () -> {
              List<JsonNode> jobs = jobsFor(id);
              return jobs.isEmpty()
                  ? api.get("/api/v1/jobs?kind=resync&limit=1", 200)
                  : jobs.get(0);
            },
            j -> j.has("subjectId") && Jobs.finished(j),
            30);
    assertThat(job.get("subjectId").asText()).isEqualTo(id);
    assertThat(job.get("status").asText()).isEqualTo("succeeded");
    assertThat(job.at("/result/outcome").asText()).isEqualTo("changed");
    assertThat(job.has("createdBy")).as("started by the scheduler, not a person").isFalse();
    JsonNode resync = api.get("/api/v1/sources/" + id, 200).get("resync");
    assertThat(OffsetDateTime.parse(resync.get("nextCheckAt").asText()))
        .isAfter(OffsetDateTime.now().plusMinutes(50));
    assertThat(jobsFor(id)).as("queued once").hasSize(1);
  }

  @Test
  void theWorkspaceDefaultAppliesToSourcesWithoutTheirOwnInterval() {
    SITE.put(
        "/default.html",
        "text/html",
        "<html><body><p>Terns migrate from pole to pole.</p></body></html>");
    String id =
        api.post("/api/v1/sources/urls", Map.of("urls", List.of(SITE.url("/default.html"))), 200)
            .at("/items/0/sourceId")
            .asText();
    assertThat(
            api.send("PUT", "/api/v1/sources/resync-default", Map.of("interval", "weekly"), 200)
                .get("interval")
                .asText())
        .isEqualTo("weekly");
    try {
      assertThat(api.get("/api/v1/sources/resync-default", 200).get("interval").asText())
          .isEqualTo("weekly");
      JsonNode resync = api.get("/api/v1/sources/" + id, 200).get("resync");
      assertThat(resync.has("interval")).as("its own setting: none").isFalse();
      assertThat(resync.get("effective").asText()).isEqualTo("weekly");
      assertThat(
              api.send("PUT", "/api/v1/sources/resync-default", Map.of("interval", "monthly"), 422)
                  .get("message")
                  .asText())
          .contains("off, hourly, daily, weekly");
      String text =
          api.addText("Plain text", "Text sources are not fetched, so they are never re-synced.");
      assertThat(
              api.send("POST", "/api/v1/sources/" + text + "/resync", Map.of(), 409)
                  .get("code")
                  .asInt())
          .isEqualTo(409);
    } finally {
      api.send("PUT", "/api/v1/sources/resync-default", Map.of("interval", "off"), 200);
    }
  }

  private JsonNode runResync(String sourceId) {
    String job =
        api.post("/api/v1/sources/" + sourceId + "/resync", Map.of(), 202).get("jobId").asText();
    return Jobs.await(() -> api.get("/api/v1/jobs/" + job, 200), Jobs::finished, 60);
  }

  private List<JsonNode> jobsFor(String sourceId) {
    List<JsonNode> out = new ArrayList<>();
    api.get("/api/v1/jobs?kind=resync&subjectId=" + sourceId, 200).get("items").forEach(out::add);
    return out;
  }

  private List<String> chunkTexts(String id) {
    List<String> out = new ArrayList<>();
    api.get("/api/v1/sources/" + id, 200)
        .get("chunks")
        .forEach(c -> out.add(c.get("text").asText()));
    return out;
  }

  private Map<String, String> vectors(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT text, embedding::text AS v FROM chunks WHERE source_id = :id")
                .bind("id", UUID.fromString(id))
                .reduceRows(
                    new java.util.HashMap<String, String>(),
                    (m, row) -> {
                      m.put(row.getColumn("text", String.class), row.getColumn("v", String.class));
                      return m;
                    }));
  }

  private String searchHits(String query) {
    return api.post("/api/v1/search", Map.of("query", query, "k", 5), 200).get("hits").toString();
  }

  private double documentTexts() {
    String scrape = http.get("/metrics").readEntity(String.class);
    Matcher m = DOCUMENT_TEXTS.matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
