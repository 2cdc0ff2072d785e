package dev.minirag.jobs;

import static dev.minirag.testing.JsonValues.longAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.Api;
import dev.minirag.testing.Http;
import dev.minirag.testing.Jobs;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestCallers;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jobs through the API on one node with one worker: a large document embedded by a job with its
 * progress and result, filters and errors, cancel while queued and while running, a workspace
 * reindex that reuses every vector, and the queue's metrics.
 */
class JobsIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "ingest.inlineChunkLimit", "2",
              "ingest.workers", "1",
              "jobs.pollInterval", "200ms"));

  static final Http http = new Http(APP);
  static Api api;
  static Jdbi jdbi;

  @BeforeAll
  static void signIn() {
    http.as(TestCallers.owner(APP, DB).headers());
    api = new Api(http);
    jdbi = Jdbi.create(DB.dataSource());
  }

  /** {@code n} paragraphs of ~950 characters: one chunk each at the default target of 1,000. */
  static String chunks(String topic, int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String sentence =
          "Section "
              + i
              + " of the "
              + topic
              + " manual explains one more careful step in detail. ";
      text.append(sentence.repeat(950 / sentence.length())).append("\n\n");
    }
    return text.toString();
  }

  static JsonNode addLarge(String title, String text) {
    JsonNode item =
        api.post("/api/v1/sources/text", Map.of("title", title, "text", text), 201).at("/items/0");
    assertThat(item.get("sourceStatus").asText()).isEqualTo("pending");
    assertThat(item.get("jobId").textValue()).isNotBlank();
    return item;
  }

  static JsonNode job(String id) {
    return api.get("/api/v1/jobs/" + id, 200);
  }

  @Test
  void aLargeDocumentIsEmbeddedByAJobThatShowsItsProgressAndResult() {
    JsonNode item = addLarge("Kayak manual", chunks("kayak", 12));
    String jobId = item.get("jobId").asText();
    JsonNode done = Jobs.await(() -> job(jobId), Jobs::finished, 120);
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    assertThat(done.get("kind").asText()).isEqualTo("embed");
    assertThat(done.get("subjectId").asText()).isEqualTo(item.get("sourceId").asText());
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    assertThat(done.at("/progress/done").asLong()).isEqualTo(12);
    assertThat(done.at("/progress/total").asLong()).isEqualTo(12);
    assertThat(done.at("/result/embedded").asInt()).isEqualTo(12);
    assertThat(done.has("startedAt") && done.has("finishedAt")).isTrue();
    assertThat(done.toString()).doesNotContain("leaseOwner").doesNotContain("@");
    JsonNode source = api.get("/api/v1/sources/" + item.get("sourceId").asText(), 200);
    assertThat(source.get("status").asText()).isEqualTo("ready");
    assertThat(source.get("chunks")).hasSize(12);

    JsonNode embeds =
        api.get(
            "/api/v1/jobs?kind=embed&status=succeeded&subjectId=" + item.get("sourceId").asText(),
            200);
    assertThat(embeds.get("total").asLong()).isEqualTo(1);
    assertThat(embeds.at("/items/0/id").asText()).isEqualTo(jobId);
    assertThat(
            api.get("/api/v1/jobs?status=queued&subjectId=" + item.get("sourceId").asText(), 200)
                .get("total")
                .asLong())
        .isZero();
    assertThat(api.get("/api/v1/jobs?kind=video", 400).get("message").asText())
        .contains("kind must be one of");
    assertThat(api.get("/api/v1/jobs?status=done", 400).get("code").asInt()).isEqualTo(400);
    assertThat(api.get("/api/v1/jobs?limit=101", 400).get("code").asInt()).isEqualTo(400);
    assertThat(api.get("/api/v1/jobs/" + UUID.randomUUID(), 404).get("message").asText())
        .isEqualTo("Job not found");
    assertThat(api.get("/api/v1/jobs/not-a-uuid", 404).get("code").asInt()).isEqualTo(404);
    assertThat(
            api.post("/api/v1/jobs/" + jobId + "/cancel", Map.of(), 409)
                .at("/details/status")
                .asText())
        .isEqualTo("succeeded");
  }

  @Test
  void cancelStopsAQueuedJobAtOnceAndARunningOneAtItsNextBatch() {
    JsonNode running = addLarge("Sailing manual", chunks("sailing", 200));
    String runningJob = running.get("jobId").asText();
    Jobs.await(() -> job(runningJob), j -> j.at("/progress/done").asLong() > 0, 120);
    // The only worker is busy: the next job waits.
    JsonNode queued = addLarge("Rowing manual", chunks("rowing", 6));
    String queuedJob = queued.get("jobId").asText();
    assertThat(job(queuedJob).get("status").asText()).isEqualTo("queued");

    JsonNode canceledQueued = api.post("/api/v1/jobs/" + queuedJob + "/cancel", Map.of(), 200);
    assertThat(canceledQueued.get("status").asText()).isEqualTo("canceled");
    JsonNode canceledRunning = api.post("/api/v1/jobs/" + runningJob + "/cancel", Map.of(), 200);
    assertThat(canceledRunning.get("status").asText()).isEqualTo("running");
    assertThat(canceledRunning.get("cancelRequested").asBoolean()).isTrue();
    JsonNode stopped = Jobs.await(() -> job(runningJob), Jobs::finished, 30);
    assertThat(stopped.get("status").asText()).isEqualTo("canceled");
    // It had embedded a batch before the cancel (awaited above), and stopped before the end.
    assertThat(longAt(stopped, "/progress/done")).isBetween(1L, 199L);

    // Neither source has a chunk, and each says why it was not embedded.
    for (JsonNode item : new JsonNode[] {running, queued}) {
      JsonNode source = api.get("/api/v1/sources/" + item.get("sourceId").asText(), 200);
      assertThat(source.get("status").asText()).isEqualTo("failed");
      assertThat(source.get("error").asText()).contains("canceled");
      assertThat(source.get("chunks")).isEmpty();
    }
    JsonNode never = job(queuedJob);
    assertThat(never.get("attempts").asInt()).as("the queued job never ran").isZero();
    assertThat(never.has("startedAt")).isFalse();
    assertThat(
            api.post("/api/v1/jobs/" + runningJob + "/cancel", Map.of(), 409).get("code").asInt())
        .isEqualTo(409);
  }

  @Test
  void aWorkspaceReindexReusesTheVectorsOfUnchangedChunks() {
    // A workspace of its own: the other tests leave sources whose embedding was canceled.
    Api api = new Api(new Http(APP).as(TestCallers.owner(APP, DB).headers()));
    String small = api.addText("Canoe notes", "Canoes are paddled with single-bladed paddles.");
    api.addText("Paddle notes", "A feathered paddle has its blades set at an angle to each other.");
    String reindex = api.post("/api/v1/sources/reindex", Map.of(), 202).get("jobId").asText();
    JsonNode done = Jobs.await(() -> api.get("/api/v1/jobs/" + reindex, 200), Jobs::finished, 120);
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    assertThat(done.get("kind").asText()).isEqualTo("reindex");
    long sources = api.get("/api/v1/sources?limit=100", 200).get("total").asLong();
    assertThat(sources).isEqualTo(2);
    assertThat(done.at("/result/sources").asLong()).isEqualTo(sources);
    assertThat(longAt(done, "/result/embedded"))
        .as("the chunking did not change: no model call")
        .isZero();
    assertThat(done.at("/result/reused").asInt())
        .isEqualTo(done.at("/result/chunks").asInt())
        .isPositive();
    assertThat(done.at("/progress/done").asLong()).isEqualTo(sources);
    assertThat(api.get("/api/v1/sources/" + small, 200).get("status").asText()).isEqualTo("ready");
  }

  @Test
  void theQueueIsMeasured() {
    String scrape = http.get("/metrics").readEntity(String.class);
    assertThat(scrape)
        .contains("minirag_jobs_queued{kind=\"embed\",}")
        .contains("minirag_jobs_queued{kind=\"export\",}")
        .contains("# TYPE minirag_job_duration_seconds histogram")
        .contains("# TYPE minirag_job_attempts_total counter");
  }
}
