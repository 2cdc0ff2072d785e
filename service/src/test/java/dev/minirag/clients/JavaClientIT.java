package dev.minirag.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.client.MiniRagClient;
import dev.minirag.client.MiniRagException;
import dev.minirag.client.model.AskEvent;
import dev.minirag.client.model.AskRequest;
import dev.minirag.client.model.AskResult;
import dev.minirag.client.model.FileUpload;
import dev.minirag.client.model.Filters;
import dev.minirag.client.model.IngestItem;
import dev.minirag.client.model.Job;
import dev.minirag.client.model.JobQuery;
import dev.minirag.client.model.SearchRequest;
import dev.minirag.client.model.SearchResult;
import dev.minirag.client.model.Source;
import dev.minirag.client.model.SourceQuery;
import dev.minirag.client.model.Usage;
import dev.minirag.testing.Fixtures;
import dev.minirag.testing.LocalSite;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client (the {@code client/} module) against the running service: every call it offers,
 * with a real API key, real ingestion, search, answers and jobs.
 */
class JavaClientIT {

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
              // a document of more than two chunks is embedded by a job, so jobs have one to show
              "ingest.inlineChunkLimit", "2",
              "jobs.pollInterval", "200ms"));

  static MiniRagClient client;

  @BeforeAll
  static void connect() {
    String key = TestCallers.owner(APP, DB).headers().get("X-API-Key");
    client = MiniRagClient.builder("http://127.0.0.1:" + APP.getLocalPort()).apiKey(key).build();
  }

  @Test
  void textIsAddedSearchedAnsweredAndStreamed() {
    IngestItem added =
        client
            .addText(
                "Lighthouse log",
                "The keeper polished the Fresnel lens every morning at dawn. "
                    + "Supplies arrived by boat on Tuesdays.",
                "log-1")
            .item();
    assertThat(added.accepted()).isTrue();
    assertThat(added.sourceStatus()).isEqualTo("ready");
    IngestItem again =
        client
            .addText(
                "Lighthouse log",
                "The keeper polished the Fresnel lens every morning at dawn. "
                    + "Supplies arrived by boat on Tuesdays.")
            .item();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.sourceId()).isEqualTo(added.sourceId());

    SearchResult found =
        client.search(
            SearchRequest.of("who polished the lens")
                .withK(3)
                .withMode("hybrid")
                .withFilters(Filters.kinds("text")));
    assertThat(found.hits()).isNotEmpty();
    assertThat(found.hits().get(0).sourceId()).isEqualTo(added.sourceId());
    assertThat(found.hits().get(0).text()).contains("Fresnel lens");
    assertThat(found.timings().totalMs()).isPositive();

    AskResult answer = client.ask("What did the keeper polish every morning?");
    assertThat(answer.abstained()).isFalse();
    assertThat(answer.answer()).contains("Fresnel lens");
    assertThat(answer.citations()).isNotEmpty();
    assertThat(answer.citations().get(0).sourceId()).isEqualTo(added.sourceId());
    assertThat(answer.retrieval().hits()).isNotEmpty();

    List<AskEvent> events = new ArrayList<>();
    AskResult streamed =
        client.askStream(
            AskRequest.of("What did the keeper polish every morning?").withK(4), events::add);
    assertThat(events.get(0)).isInstanceOf(AskEvent.Token.class);
    assertThat(events).last().isInstanceOf(AskEvent.Done.class);
    assertThat(events).anyMatch(e -> e instanceof AskEvent.Citations);
    String tokens =
        events.stream()
            .filter(e -> e instanceof AskEvent.Token)
            .map(e -> ((AskEvent.Token) e).text())
            .reduce("", String::concat);
    assertThat(tokens).isEqualTo(streamed.answer());
    assertThat(streamed.answer()).isEqualTo(answer.answer());

    try (Stream<AskEvent> lazy = client.askStream(AskRequest.of("When did supplies arrive?"))) {
      assertThat(lazy.toList()).last().isInstanceOf(AskEvent.Done.class);
    }
  }

  @Test
  void filesUrlsAndYoutubeAreIngestedAndSourcesListedReadAndDeleted(@TempDir Path dir)
      throws Exception {
    Path notes = dir.resolve("beekeeping-notes.md");
    Files.writeString(notes, "# Hives\n\nWorker bees dance to show where the clover grows.\n");
    List<IngestItem> files =
        client
            .addFiles(
                List.of(
                    FileUpload.of(notes),
                    FileUpload.of("dough.pdf", Fixtures.pdf("Knead the dough for ten minutes."))))
            .items();
    assertThat(files).hasSize(2).allMatch(IngestItem::accepted);

    SITE.put(
        "/guide.html",
        "text/html",
        "<html><head><title>Puffin guide</title></head><body><main><p>Puffins nest in burrows"
            + " on the cliff top every spring.</p></main></body></html>");
    List<IngestItem> urls =
        client.addUrls(List.of(SITE.url("/guide.html"), "http://169.254.169.254/latest/")).items();
    assertThat(urls.get(0).accepted()).isTrue();
    assertThat(urls.get(1).failed()).isTrue();
    assertThat(urls.get(1).code()).isEqualTo(400);
    assertThat(urls.get(1).error()).contains("169.254.169.254");

    SITE.put(
        "/api/timedtext",
        "text/vtt",
        Fixtures.vtt("Welcome to the bakery.", "Let the dough rise overnight."));
    IngestItem video = client.addYoutube("https://youtu.be/aBcDeFgHiJk").item();
    assertThat(video.accepted()).isTrue();

    var pdfs = client.listSources(SourceQuery.all().withKind("file").withQ("dough"));
    assertThat(pdfs.total()).isEqualTo(1);
    assertThat(pdfs.items().get(0).fileName()).isEqualTo("dough.pdf");
    var all = client.listSources(SourceQuery.all().withPage(2, 0));
    assertThat(all.items()).hasSize(2);
    assertThat(all.total()).isGreaterThanOrEqualTo(4);

    Source page = client.getSource(urls.get(0).sourceId());
    assertThat(page.kind()).isEqualTo("url");
    assertThat(page.title()).isEqualTo("Puffin guide");
    assertThat(page.chunks()).isNotEmpty();
    assertThat(page.chunks().get(0).text()).contains("burrows");
    assertThat(page.resync()).isNotNull();
    Source transcript = client.getSource(video.sourceId());
    assertThat(transcript.kind()).isEqualTo("youtube");
    assertThat(transcript.chunks().get(0).metadata().has("startSeconds")).isTrue();

    assertThat(client.refreshSource(page.id()).outcome()).isEqualTo("unchanged");
    Job resync = awaitFinished(client.resyncSource(page.id()).jobId());
    assertThat(resync.kind()).isEqualTo("resync");
    assertThat(resync.status()).isEqualTo("succeeded");
    assertThat(resync.result().get("outcome").asText()).isEqualTo("not_modified");

    client.deleteSource(page.id());
    assertThatThrownBy(() -> client.getSource(page.id()))
        .isInstanceOfSatisfying(MiniRagException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void aLargeDocumentsJobIsFollowedToItsEnd() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      String words = "Paragraph " + i + " tells how the harbour pilots read the tide tables. ";
      text.append(words.repeat(1000 / words.length() + 1)).append("\n\n");
    }
    IngestItem queued = client.addText("Harbour pilots", text.toString()).item();
    assertThat(queued.accepted()).isTrue();
    assertThat(queued.jobId()).as("more chunks than inlineChunkLimit: a job embeds it").isNotNull();

    Job job = awaitFinished(queued.jobId());
    assertThat(job.status()).isEqualTo("succeeded");
    assertThat(job.kind()).isEqualTo("embed");
    assertThat(job.subjectId()).isEqualTo(queued.sourceId());
    assertThat(job.progress().done()).isEqualTo(job.progress().total());

    var embeds = client.listJobs(JobQuery.all().withKind("embed").withSubject(queued.sourceId()));
    assertThat(embeds.items()).extracting(Job::id).containsExactly(queued.jobId());
    assertThat(client.getSource(queued.sourceId()).status()).isEqualTo("ready");

    assertThatThrownBy(() -> client.cancelJob(queued.jobId()))
        .as("a finished job cannot be canceled")
        .isInstanceOfSatisfying(MiniRagException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void usageCountsWhatTheClientDid() {
    long before = asks(client.usage());
    client.ask("Is anything here at all?");
    Usage usage = client.usage();
    assertThat(usage.plan()).isNotBlank();
    assertThat(asks(usage)).isEqualTo(before + 1);
    assertThat(usage.limit("storedSources")).isPresent();
  }

  private static long asks(Usage usage) {
    return usage.limit("asksPerDay").orElseThrow().used();
  }

  @Test
  void errorsArriveAsOneExceptionWithTheErrorShape() {
    assertThatThrownBy(() -> client.getSource(UUID.randomUUID()))
        .isInstanceOfSatisfying(
            MiniRagException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.getMessage()).isNotBlank();
              assertThat(e.requestId()).isNotBlank();
            });
    assertThatThrownBy(() -> client.ask(AskRequest.of("why?").withK(500)))
        .isInstanceOfSatisfying(
            MiniRagException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.getMessage()).contains("k must be between");
              assertThat(e.details().get("field").asText()).isEqualTo("k");
            });
    assertThatThrownBy(() -> client.askStream(AskRequest.of(" "), event -> {}))
        .as("refused before the stream starts")
        .isInstanceOfSatisfying(MiniRagException.class, e -> assertThat(e.status()).isEqualTo(422));
    assertThatThrownBy(() -> client.addText("Empty", ""))
        .isInstanceOfSatisfying(
            MiniRagException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.details()).isNotNull();
            });

    MiniRagClient noKey =
        MiniRagClient.builder("http://127.0.0.1:" + APP.getLocalPort()).maxAttempts(1).build();
    assertThatThrownBy(noKey::usage)
        .isInstanceOfSatisfying(MiniRagException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  private static Job awaitFinished(UUID id) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Job job = client.getJob(id);
    while (!job.finished() && Instant.now().isBefore(deadline)) {
      sleep(200);
      job = client.getJob(id);
    }
    return job;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
