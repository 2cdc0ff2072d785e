package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minirag.common.ApiException;
import dev.minirag.documents.SourceKind;
import dev.minirag.embedding.Embedder;
import dev.minirag.embedding.EmbeddingException;
import dev.minirag.embedding.TestEmbedders;
import dev.minirag.testing.TestDatabase;
import dev.minirag.tracing.Tracing;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Both legs for real: Lucene in a temp directory, pgvector with MiniLM vectors, fused. */
class SearchServiceIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @TempDir static Path tmp;

  private static Jdbi jdbi;
  private static Embedder embedder;
  private static LuceneIndex index;
  private static ExecutorService pool;
  private static SearchService service;
  private static UUID a;
  private static UUID b;
  private static UUID volcanoes;
  private static UUID plantsChunk;
  private static UUID magmaChunk;
  private static UUID ashChunk;
  private static UUID secretChunk;

  @BeforeAll
  static void setUp() throws Exception {
    jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
    embedder = TestEmbedders.miniLmQ();
    Corpus corpus = new Corpus(jdbi, embedder);
    a = corpus.workspace("A");
    b = corpus.workspace("B");
    UUID plants = corpus.source(a, "text", "Photosynthesis", Instant.parse("2025-01-01T00:00:00Z"));
    volcanoes = corpus.source(a, "url", "Volcanoes", Instant.parse("2025-06-01T00:00:00Z"));
    UUID jazz = corpus.source(a, "file", "Jazz history", Instant.parse("2026-01-01T00:00:00Z"));
    List<UUID> p =
        corpus.chunks(
            a,
            plants,
            "Chlorophyll in the leaves absorbs sunlight to turn water and carbon dioxide into glucose.",
            "Oxygen is released as a by-product when plants split water molecules.");
    plantsChunk = p.get(0);
    List<UUID> v =
        corpus.chunks(
            a,
            volcanoes,
            "Magma rises through the crust and erupts as lava during a volcanic eruption.",
            "Ash clouds from an eruption can ground flights across a continent.");
    magmaChunk = v.get(0);
    ashChunk = v.get(1);
    corpus.chunks(
        a,
        jazz,
        "Jazz grew in New Orleans from blues and ragtime, with improvised solos.",
        "Bebop musicians played fast tempos and complex chord changes.");
    secretChunk =
        corpus.chunk(
            b,
            corpus.source(b, "text", "Merger plans"),
            "Project Zanzibar: the acquisition of Nimbus Corp closes in March.");

    index = new LuceneIndex(LuceneIndexConfig.at(tmp.resolve("index").toString()), jdbi);
    index.start();
    pool = Executors.newFixedThreadPool(2);
    service = serviceWith(embedder);
  }

  @AfterAll
  static void tearDown() throws Exception {
    index.stop();
    pool.shutdownNow();
  }

  private static SearchService serviceWith(Embedder e) {
    return serviceWith(e, new SearchConfig());
  }

  private static SearchService serviceWith(Embedder e, long timeoutMillis) {
    return serviceWith(
        e,
        new SearchConfig(
            SearchMode.HYBRID, FusionMethod.CONVEX, 0.6, 100, 100, timeoutMillis, 4000));
  }

  private static SearchService serviceWith(Embedder e, SearchConfig config) {
    return new SearchService(
        index,
        jdbi.onDemand(VectorSearchDao.class),
        jdbi.onDemand(SearchHitsDao.class),
        e,
        pool,
        config,
        SearchMetrics.unregistered(),
        Tracing.OFF);
  }

  private static List<UUID> ids(SearchResult r) {
    return r.hits().stream().map(SearchResult.Hit::chunkId).toList();
  }

  @Test
  void hybridReturnsFusedHitsWithSourcesAndPerLegDetail() {
    SearchResult r =
        service.search(a, SearchRequest.of("how does chlorophyll in leaves use sunlight", 3, null));

    assertThat(r.mode()).isEqualTo(SearchMode.HYBRID);
    assertThat(r.fusion()).isEqualTo(FusionMethod.CONVEX);
    assertThat(r.degraded()).isNull();
    assertThat(r.hits()).hasSize(3);
    SearchResult.Hit top = r.hits().get(0);
    assertThat(top.chunkId()).isEqualTo(plantsChunk);
    assertThat(top.sourceTitle()).isEqualTo("Photosynthesis");
    assertThat(top.sourceKind()).isEqualTo(SourceKind.TEXT);
    assertThat(top.sourceUri()).isEqualTo("https://example.test/photosynthesis");
    assertThat(top.ordinal()).isZero();
    assertThat(top.text()).startsWith("Chlorophyll");
    assertThat(top.metadata()).containsEntry("page", 1);
    assertThat(top.bm25Rank()).isEqualTo(1);
    assertThat(top.bm25Score()).isPositive();
    assertThat(top.vectorRank()).isEqualTo(1);
    assertThat(top.vectorScore()).isBetween(0.0, 1.0);
    assertThat(top.score()).isEqualTo(1.0); // first in both legs: normalized 1 and 1
    for (int i = 1; i < r.hits().size(); i++) {
      assertThat(r.hits().get(i).score()).isLessThanOrEqualTo(r.hits().get(i - 1).score());
    }
    assertThat(r.timings().totalMs()).isPositive();
    assertThat(r.timings().bm25Ms()).isPositive();
    assertThat(r.timings().embedMs()).isPositive();
    assertThat(r.timings().vectorMs()).isPositive();
  }

  @Test
  void eachModeAnswersFromItsLeg() {
    // No word in common with the volcano text: BM25 finds nothing, vectors find it.
    String q = "mountain exploding with molten rock";
    SearchResult bm25 = service.search(a, SearchRequest.of(q, 5, SearchMode.BM25));
    assertThat(bm25.mode()).isEqualTo(SearchMode.BM25);
    assertThat(bm25.hits()).isEmpty();

    SearchResult dense = service.search(a, SearchRequest.of(q, 5, SearchMode.DENSE));
    assertThat(dense.mode()).isEqualTo(SearchMode.DENSE);
    assertThat(dense.fusion()).isNull();
    assertThat(dense.hits().get(0).chunkId()).isEqualTo(magmaChunk);
    assertThat(dense.hits().get(0).bm25Rank()).isNull();
    assertThat(dense.hits().get(0).score()).isEqualTo(dense.hits().get(0).vectorScore());

    SearchResult hybrid = service.search(a, SearchRequest.of(q, 5, SearchMode.HYBRID));
    assertThat(hybrid.hits().get(0).chunkId()).isEqualTo(magmaChunk);

    SearchResult rrf =
        service.search(
            a,
            SearchRequest.of("volcanic eruption lava", 5, SearchMode.HYBRID)
                .withFusion(FusionMethod.RRF, null));
    assertThat(rrf.fusion()).isEqualTo(FusionMethod.RRF);
    assertThat(rrf.hits().get(0).chunkId()).isEqualTo(magmaChunk);
    assertThat(rrf.hits().get(0).score()).isEqualTo(2.0 / 61);
  }

  @Test
  void theKeywordLegLooksForItsOwnWordsWhenGivenThem() {
    // The query shares no word with the volcano text; the keywords do, and only BM25 reads them.
    String q = "mountain exploding with molten rock";
    SearchResult r =
        service.search(a, SearchRequest.of(q, 5, SearchMode.BM25).withKeywords("lava eruption"));
    assertThat(r.query()).isEqualTo(q);
    assertThat(r.hits()).extracting(SearchResult.Hit::chunkId).contains(magmaChunk);
    assertThat(service.search(a, SearchRequest.of(q, 5, SearchMode.BM25)).hits()).isEmpty();
    assertInvalid(SearchRequest.of("ok", 10, null).withKeywords("x".repeat(4001)), "keywords");
  }

  @Test
  void filtersApplyToBothLegs() {
    SearchResult r =
        service.search(
            a,
            SearchRequest.of("eruption", 10, SearchMode.HYBRID)
                .withFilters(SearchFilters.sources(volcanoes)));
    assertThat(r.hits())
        .isNotEmpty()
        .allSatisfy(h -> assertThat(h.sourceId()).isEqualTo(volcanoes));
    assertThat(ids(r)).containsExactlyInAnyOrder(magmaChunk, ashChunk);

    SearchResult files =
        service.search(
            a,
            SearchRequest.of("music", 10, SearchMode.HYBRID)
                .withFilters(SearchFilters.kinds(SourceKind.FILE)));
    assertThat(files.hits())
        .hasSize(2)
        .allSatisfy(h -> assertThat(h.sourceKind()).isEqualTo(SourceKind.FILE));

    SearchResult early =
        service.search(
            a,
            SearchRequest.of("anything at all", 10, SearchMode.DENSE)
                .withFilters(SearchFilters.created(null, Instant.parse("2025-02-01T00:00:00Z"))));
    assertThat(early.hits())
        .hasSize(2)
        .allSatisfy(h -> assertThat(h.sourceTitle()).isEqualTo("Photosynthesis"));
  }

  @Test
  void aWorkspaceSeesNothingOfAnotherOnAnyLeg() {
    String q = "Project Zanzibar acquisition of Nimbus Corp";
    assertThat(ids(service.search(b, SearchRequest.of(q, 5, SearchMode.BM25))))
        .containsExactly(secretChunk);
    assertThat(ids(service.search(b, SearchRequest.of(q, 5, SearchMode.DENSE))))
        .containsExactly(secretChunk);

    assertThat(service.search(a, SearchRequest.of(q, 5, SearchMode.BM25)).hits()).isEmpty();
    for (SearchMode mode : List.of(SearchMode.DENSE, SearchMode.HYBRID)) {
      SearchResult r = service.search(a, SearchRequest.of(q, 100, mode));
      assertThat(ids(r)).as(mode.wire()).hasSize(6).doesNotContain(secretChunk);
      assertThat(r.hits()).as(mode.wire()).noneMatch(h -> h.sourceTitle().equals("Merger plans"));
    }
    assertThat(service.search(UUID.randomUUID(), SearchRequest.of(q, 5, SearchMode.HYBRID)).hits())
        .isEmpty();
  }

  @Test
  void withoutAnEmbedderBm25AnswersAndSaysSo() {
    SearchResult r =
        serviceWith(null).search(a, SearchRequest.of("volcanic eruption", 5, SearchMode.HYBRID));
    assertThat(r.mode()).isEqualTo(SearchMode.BM25);
    assertThat(r.degraded()).contains("no embedding model");
    assertThat(r.hits().get(0).chunkId()).isEqualTo(magmaChunk);
    assertThat(r.hits().get(0).vectorRank()).isNull();

    SearchResult dense =
        serviceWith(null).search(a, SearchRequest.of("volcanic eruption", 5, SearchMode.DENSE));
    assertThat(dense.mode()).isEqualTo(SearchMode.BM25);
    assertThat(dense.hits()).isNotEmpty();
  }

  @Test
  void aFailingOrSlowEmbedderDegradesToBm25() {
    Embedder broken =
        new Embedder() {
          @Override
          public String model() {
            return "broken";
          }

          @Override
          public int dimension() {
            return 384;
          }

          @Override
          public int maxTokens() {
            return 128;
          }

          @Override
          public List<float[]> embedDocuments(List<String> texts) {
            throw new EmbeddingException("model crashed");
          }

          @Override
          public float[] embedQuery(String text) {
            throw new EmbeddingException("model crashed");
          }
        };
    SearchResult r =
        serviceWith(broken).search(a, SearchRequest.of("volcanic eruption", 5, SearchMode.HYBRID));
    assertThat(r.mode()).isEqualTo(SearchMode.BM25);
    assertThat(r.degraded()).contains("unavailable").doesNotContain("crashed");
    assertThat(r.hits().get(0).chunkId()).isEqualTo(magmaChunk);

    SearchResult dense =
        serviceWith(broken).search(a, SearchRequest.of("volcanic eruption", 5, SearchMode.DENSE));
    assertThat(dense.mode()).isEqualTo(SearchMode.BM25);
    assertThat(dense.hits().get(0).chunkId()).isEqualTo(magmaChunk);

    Embedder slow =
        new Embedder() {
          @Override
          public String model() {
            return "slow";
          }

          @Override
          public int dimension() {
            return 384;
          }

          @Override
          public int maxTokens() {
            return 128;
          }

          @Override
          public List<float[]> embedDocuments(List<String> texts) {
            throw new UnsupportedOperationException();
          }

          @Override
          public float[] embedQuery(String text) {
            try {
              Thread.sleep(5_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return embedder.embedQuery(text);
          }
        };
    long t = System.nanoTime();
    SearchResult late =
        serviceWith(slow, 300)
            .search(a, SearchRequest.of("volcanic eruption", 5, SearchMode.HYBRID));
    assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(3_000);
    assertThat(late.mode()).isEqualTo(SearchMode.BM25);
    assertThat(late.degraded()).contains("timed out");
  }

  @Test
  void invalidRequestsAreRejectedWithEveryProblemListed() {
    assertInvalid(new SearchRequest("   ", null, null, null, null, null, null, null), "query");
    assertInvalid(new SearchRequest(null, null, null, null, null, null, null, null), "query");
    assertInvalid(
        new SearchRequest("x".repeat(4001), null, null, null, null, null, null, null), "query");
    assertInvalid(SearchRequest.of("ok", 0, null), "k");
    assertInvalid(SearchRequest.of("ok", 101, null), "k");
    assertInvalid(new SearchRequest("ok", 10, "semantic", null, null, null, null, null), "mode");
    assertInvalid(new SearchRequest("ok", 10, null, "max", null, null, null, null), "fusion");
    assertInvalid(SearchRequest.of("ok", 10, null).withFusion(null, 1.5), "denseWeight");
    assertInvalid(new SearchRequest("ok", 50, null, null, null, null, 20, null), "candidates");
    assertInvalid(
        SearchRequest.of("ok", 10, null)
            .withFilters(
                SearchFilters.created(
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"))),
        "filters.createdBefore");
    assertThatThrownBy(() -> service.search(a, null))
        .isInstanceOf(ApiException.class)
        .extracting("status")
        .isEqualTo(400);

    ApiException e =
        (ApiException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    service.search(
                        a, new SearchRequest(" ", 0, "x", null, null, null, null, null)));
    assertThat((List<?>) e.details()).hasSize(3);
    // Accepted spellings: upper case mode, k at the bounds.
    assertThat(
            service
                .search(a, new SearchRequest("jazz", 1, "BM25", null, null, null, null, null))
                .hits())
        .hasSize(1);
    assertThat(service.search(a, SearchRequest.of("jazz", 100, SearchMode.BM25)).k())
        .isEqualTo(100);
  }

  private static void assertInvalid(SearchRequest request, String field) {
    assertThatThrownBy(() -> service.search(a, request))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(messageFor(e, field)).isNotBlank().doesNotStartWith("<missing");
            });
  }

  @SuppressWarnings("unchecked")
  private static String messageFor(ApiException e, String field) {
    return ((List<Map<String, String>>) e.details())
        .stream()
            .filter(m -> m.get("field").equals(field))
            .findFirst()
            .map(m -> m.get("message"))
            .orElse("<missing " + field + ">");
  }

  @Test
  void searchSeesNewChunksAndForgetsDeletedOnesAtOnce() {
    Corpus corpus = new Corpus(jdbi, embedder);
    UUID src = corpus.source(a, "text", "Late addition");
    UUID fresh = corpus.chunk(a, src, "Tardigrades survive the vacuum of space.");
    SearchResult r =
        service.search(a, SearchRequest.of("tardigrades in space", 3, SearchMode.HYBRID));
    assertThat(r.hits().get(0).chunkId()).isEqualTo(fresh);
    assertThat(r.hits().get(0).bm25Rank()).isEqualTo(1);
    assertThat(r.hits().get(0).vectorRank()).isEqualTo(1);

    corpus.deleteSource(src);
    assertThat(
            ids(service.search(a, SearchRequest.of("tardigrades in space", 10, SearchMode.HYBRID))))
        .doesNotContain(fresh);
  }
}
