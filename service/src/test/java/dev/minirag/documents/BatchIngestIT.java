package dev.minirag.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.search.SearchMode;
import dev.minirag.search.SearchRequest;
import dev.minirag.search.SearchResult;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.testing.WiredApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bulk path ({@code addTexts}) used by loaders such as {@code eval}, against the real stores.
 */
class BatchIngestIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(WiredApp.class, DB);

  private static Core core;
  private static Jdbi jdbi;

  @BeforeAll
  static void core() {
    core = ((WiredApp) APP.getApplication()).context().core();
    jdbi = Jdbi.create(DB.dataSource());
  }

  private static void limitStoredSources(UUID ws, int max) {
    jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO workspace_limits (workspace_id, name, max_value) VALUES (?, 'storedSources', ?)",
                ws,
                max));
  }

  @Test
  void aBatchPastAStoredLimitKeepsWhatFitsAndRefusesTheRest() {
    UUID ws = core.workspaces().createTemporary("batch-limit");
    limitStoredSources(ws, 2);
    List<ItemResult> results =
        core.ingest()
            .addTexts(
                ws,
                null,
                List.of(
                    new IngestService.TextItem(
                        "Gulls", "Gulls drop shellfish on rocks to crack them open.", null),
                    new IngestService.TextItem(
                        "Terns", "Arctic terns migrate from pole to pole every year.", null),
                    new IngestService.TextItem(
                        "Puffins",
                        "Puffins carry a dozen small fish crosswise in their beaks.",
                        null)));
    // All three passed the check before embedding; the shared transaction refused the third, and
    // each text stored alone keeps the two that fit.
    assertThat(results)
        .extracting(ItemResult::status)
        .containsExactly(IngestOutcome.ACCEPTED, IngestOutcome.ACCEPTED, IngestOutcome.FAILED);
    assertThat(results.get(2).code()).isEqualTo(429);
    assertThat(results.get(2).error()).contains("storedSources");
    long stored =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM sources WHERE workspace_id = ?")
                    .bind(0, ws)
                    .mapTo(Long.class)
                    .one());
    assertThat(stored).isEqualTo(2);
    core.workspaces().delete(ws);
  }

  @Test
  void aWorkspaceAlreadyAtItsLimitRefusesEveryNewTextBeforeEmbeddingAndStillAnswersDuplicates() {
    UUID ws = core.workspaces().createTemporary("batch-full");
    limitStoredSources(ws, 1);
    String known = "Herons stand still in shallow water until a fish swims past.";
    UUID first = core.ingest().addText(ws, null, "Herons", known, null).sourceId();
    List<ItemResult> results =
        core.ingest()
            .addTexts(
                ws,
                null,
                List.of(
                    new IngestService.TextItem("Cormorants", "Cormorants dry their wings.", null),
                    new IngestService.TextItem("Herons again", known, null),
                    new IngestService.TextItem(
                        "Grebes", "Grebes carry chicks on their backs.", null)));
    assertThat(results)
        .extracting(ItemResult::status)
        .containsExactly(IngestOutcome.FAILED, IngestOutcome.DUPLICATE, IngestOutcome.FAILED);
    assertThat(results.get(0).code()).isEqualTo(429);
    assertThat(results.get(0).error()).contains("storedSources");
    assertThat(results.get(2).code()).isEqualTo(429);
    assertThat(results.get(1).sourceId()).isEqualTo(first);
    core.workspaces().delete(ws);
  }

  @Test
  void validatesDeduplicatesAndStoresEveryNewTextReadyAndSearchable() {
    UUID ws = core.workspaces().createTemporary("batch");
    UUID known =
        core.ingest()
            .addText(
                ws,
                null,
                "Known",
                "Tide tables list the high and low water times for a harbour.",
                null)
            .sourceId();

    List<ItemResult> results =
        core.ingest()
            .addTexts(
                ws,
                null,
                List.of(
                    new IngestService.TextItem(
                        "Lighthouse",
                        "The keeper polished the Fresnel lens every morning at dawn.",
                        "doc-1"),
                    new IngestService.TextItem(
                        "Orchard",
                        "Apple trees are pruned in late winter while they are dormant.",
                        "doc-2"),
                    new IngestService.TextItem("Empty", "  ", "doc-3"),
                    new IngestService.TextItem(
                        "Lighthouse again",
                        "The keeper polished the Fresnel lens every morning at dawn.",
                        "doc-4"),
                    new IngestService.TextItem(
                        "Tides",
                        "Tide tables list the high and low water times for a harbour.",
                        "doc-5")));

    assertThat(results)
        .extracting(ItemResult::status)
        .containsExactly(
            IngestOutcome.ACCEPTED,
            IngestOutcome.ACCEPTED,
            IngestOutcome.FAILED,
            IngestOutcome.DUPLICATE,
            IngestOutcome.DUPLICATE);
    assertThat(results.get(0).sourceStatus()).isEqualTo(SourceStatus.READY);
    assertThat(results.get(2).code()).isEqualTo(422);
    assertThat(results.get(3).sourceId()).isEqualTo(results.get(0).sourceId());
    assertThat(results.get(4).sourceId()).isEqualTo(known);

    SourceView lighthouse = core.sources().get(ws, results.get(0).sourceId());
    assertThat(lighthouse.externalId()).isEqualTo("doc-1");
    assertThat(lighthouse.chunkCount()).isEqualTo(1);
    assertThat(storedChunks(results.get(0).sourceId())).isEqualTo(1);
    assertThat(vectorlessChunks(ws)).isZero();

    SearchResult bm25 =
        core.search().search(ws, SearchRequest.of("Fresnel lens", 5, SearchMode.BM25));
    assertThat(bm25.hits()).isNotEmpty();
    assertThat(bm25.hits().get(0).sourceId()).isEqualTo(results.get(0).sourceId());
  }

  @Test
  void aTextTheDatabaseRefusesFailsAloneAndTheRestOfTheBatchIsStored() {
    UUID ws = core.workspaces().createTemporary("batch failure");
    // PostgreSQL refuses NUL in text and jsonb, so the shared commit fails and each text is retried
    // alone.
    List<ItemResult> results =
        core.ingest()
            .addTexts(
                ws,
                null,
                List.of(
                    new IngestService.TextItem(
                        "Bees", "A single hive of bees serves about one acre of orchard.", null),
                    new IngestService.TextItem(
                        "Broken", "This text carries a NUL \u0000 character.", null),
                    new IngestService.TextItem(
                        "Ships", "Ships relied on the beam to pass the reef safely.", null)));

    assertThat(results)
        .extracting(ItemResult::status)
        .containsExactly(IngestOutcome.ACCEPTED, IngestOutcome.FAILED, IngestOutcome.ACCEPTED);
    assertThat(results.get(1).code()).isEqualTo(500);
    assertThat(results.get(0).sourceStatus()).isEqualTo(SourceStatus.READY);
    assertThat(results.get(2).sourceStatus()).isEqualTo(SourceStatus.READY);
    assertThat(core.sources().list(ws, null, null, null, 10, 0).total()).isEqualTo(2);
    assertThat(storedChunks(results.get(2).sourceId())).isEqualTo(1);
  }

  private static long storedChunks(UUID sourceId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT count(*) FROM chunks WHERE source_id = :id")
                .bind("id", sourceId)
                .mapTo(Long.class)
                .one());
  }

  private static long vectorlessChunks(UUID ws) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM chunks WHERE workspace_id = :ws AND embedding IS NULL")
                .bind("ws", ws)
                .mapTo(Long.class)
                .one());
  }
}
