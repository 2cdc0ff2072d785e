package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pgvector.PGvector;
import dev.minirag.embedding.Embedder;
import dev.minirag.embedding.HnswIndex;
import dev.minirag.embedding.TestEmbedders;
import dev.minirag.embedding.VectorIndexDao;
import dev.minirag.embedding.VectorIndexSwitch;
import dev.minirag.embedding.VectorStorage;
import dev.minirag.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SEARCH_VECTOR_STORAGE=halfvec: the startup switch of the HNSW index, and searching through it.
 */
class HalfvecStorageIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  private static Jdbi jdbi;
  private static Embedder embedder;
  private static VectorIndexDao index;
  private static VectorSearchDao search;
  private static UUID ws;

  private static final List<String> QUERIES =
      List.of(
          "my kitty sleeps all afternoon",
          "windy tropical cyclone",
          "how to bake bread",
          "frozen rain from the clouds",
          "a hunting bird at night");

  @BeforeAll
  static void corpus() {
    jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
    embedder = TestEmbedders.miniLmQ();
    index = jdbi.onDemand(VectorIndexDao.class);
    search = jdbi.onDemand(VectorSearchDao.class);
    Corpus corpus = new Corpus(jdbi, embedder);
    ws = corpus.workspace("halfvec");
    UUID s = corpus.source(ws, "text", "Mixed", Instant.parse("2025-01-01T00:00:00Z"));
    corpus.chunks(
        ws,
        s,
        "Cats purr when they are content and sleep most of the day.",
        "Dogs were domesticated from wolves thousands of years ago.",
        "Elephants use their trunks to drink water and greet each other.",
        "Owls hunt at night thanks to silent feathers and sharp hearing.",
        "Thunderstorms form when warm moist air rises quickly.",
        "A hurricane is a rotating storm with very strong winds.",
        "Snow falls when clouds are below freezing temperature.",
        "Fog is a cloud touching the ground, common on cold mornings.",
        "Knead the bread dough for ten minutes and let it rise.",
        "Simmer tomatoes with garlic and basil for a pasta sauce.",
        "Sear the steak on a hot pan, then rest it before slicing.",
        "Whisk eggs and sugar until pale to make a sponge cake.");
  }

  @BeforeEach
  void startFromTheMigrationsIndex() {
    index.ensure(HnswIndex.of(VectorStorage.VECTOR));
  }

  @Test
  void switchesToHalfvecAndBackLeavingOneIndex() {
    assertThat(index.current()).contains(HnswIndex.of(VectorStorage.VECTOR));
    VectorIndexSwitch startup = new VectorIndexSwitch(index);
    assertThat(startup.apply(HnswIndex.of(VectorStorage.HALFVEC)))
        .isEqualTo(VectorIndexDao.Outcome.SWITCHED);
    assertThat(index.current()).contains(HnswIndex.of(VectorStorage.HALFVEC));
    assertThat(index.definition(VectorStorage.INDEX).orElseThrow())
        .contains("halfvec(384)")
        .contains("halfvec_cosine_ops");
    assertThat(startup.apply(HnswIndex.of(VectorStorage.HALFVEC)))
        .isEqualTo(VectorIndexDao.Outcome.UNCHANGED);
    assertThat(startup.apply(HnswIndex.of(VectorStorage.VECTOR)))
        .isEqualTo(VectorIndexDao.Outcome.SWITCHED);
    assertThat(index.definition(VectorStorage.INDEX).orElseThrow())
        .contains("vector_cosine_ops")
        .doesNotContain("halfvec");
    assertThat(hnswIndexes()).containsExactly(VectorStorage.INDEX);
  }

  @Test
  void aDenserGraphIsBuiltAtStartupAndKeptUntilItsParametersChange() {
    VectorIndexSwitch startup = new VectorIndexSwitch(index);
    HnswIndex denser = new HnswIndex(VectorStorage.VECTOR, 24, 96);
    assertThat(startup.apply(denser)).isEqualTo(VectorIndexDao.Outcome.SWITCHED);
    assertThat(index.definition(VectorStorage.INDEX).orElseThrow())
        .contains("m='24'")
        .contains("ef_construction='96'");
    assertThat(index.current()).contains(denser);
    assertThat(startup.apply(denser)).isEqualTo(VectorIndexDao.Outcome.UNCHANGED);
    // Only ef_construction differs: a rebuild too.
    assertThat(startup.apply(new HnswIndex(VectorStorage.VECTOR, 24, 48)))
        .isEqualTo(VectorIndexDao.Outcome.SWITCHED);
    assertThat(startup.apply(HnswIndex.of(VectorStorage.VECTOR)))
        .isEqualTo(VectorIndexDao.Outcome.SWITCHED);
    assertThat(hnswIndexes()).containsExactly(VectorStorage.INDEX);
  }

  @Test
  void theMigrationsIndexReadsAsPgvectorsDefaults() {
    assertThat(
            HnswIndex.parse(
                "CREATE INDEX chunks_embedding_hnsw_idx ON public.chunks USING hnsw"
                    + " (embedding vector_cosine_ops)"))
        .isEqualTo(HnswIndex.of(VectorStorage.VECTOR));
    assertThat(index.current()).contains(HnswIndex.of(VectorStorage.VECTOR));
  }

  @Test
  void halfvecFindsTheSameNeighboursAsVector() {
    List<List<UUID>> full = new ArrayList<>();
    for (String q : QUERIES) {
      full.add(ids(search.nearest(ws, embedder.embedQuery(q), 5, null, 100, VectorStorage.VECTOR)));
    }
    index.ensure(HnswIndex.of(VectorStorage.HALFVEC));
    for (int i = 0; i < QUERIES.size(); i++) {
      List<RankedHit> half =
          search.nearest(
              ws, embedder.embedQuery(QUERIES.get(i)), 5, null, 100, VectorStorage.HALFVEC);
      assertThat(ids(half)).as(QUERIES.get(i)).containsExactlyElementsOf(full.get(i));
      assertThat(half.get(0).score()).isBetween(0.3, 1.0);
    }
  }

  @Test
  void theHalfvecQueryGoesThroughTheHalfvecIndex() {
    index.ensure(HnswIndex.of(VectorStorage.HALFVEC));
    String plan =
        jdbi.withHandle(
            h -> {
              // A dozen rows: left alone, the planner rightly prefers to scan and sort them.
              h.execute("SET enable_seqscan = off");
              h.execute("SET enable_sort = off");
              return explain(h, VectorStorage.HALFVEC);
            });
    assertThat(plan).contains("Index Scan using " + VectorStorage.INDEX);
    // The vector query's shape cannot use the halfvec index: the switch and the query go together.
    String mismatched =
        jdbi.withHandle(
            h -> {
              h.execute("SET enable_seqscan = off");
              h.execute("SET enable_sort = off");
              return explain(h, VectorStorage.VECTOR);
            });
    assertThat(mismatched).doesNotContain("Index Scan using " + VectorStorage.INDEX);
  }

  @Test
  void nodesStartingAtOnceRebuildOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Callable<VectorIndexDao.Outcome>> nodes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        nodes.add(() -> new VectorIndexSwitch(index).apply(HnswIndex.of(VectorStorage.HALFVEC)));
      }
      List<VectorIndexDao.Outcome> outcomes = new ArrayList<>();
      for (Future<VectorIndexDao.Outcome> f : pool.invokeAll(nodes)) {
        outcomes.add(f.get());
      }
      assertThat(outcomes)
          .containsExactlyInAnyOrder(
              VectorIndexDao.Outcome.SWITCHED,
              VectorIndexDao.Outcome.UNCHANGED,
              VectorIndexDao.Outcome.UNCHANGED);
    } finally {
      pool.shutdownNow();
    }
    assertThat(hnswIndexes()).containsExactly(VectorStorage.INDEX);
  }

  @Test
  void aFailedSwitchLeavesTheOldIndexAndNothingHalfBuilt() throws Exception {
    // A writer holding chunks open makes the build's lock wait time out half way through.
    try (Handle writer = jdbi.open()) {
      writer.begin();
      writer.execute("LOCK TABLE chunks IN ROW EXCLUSIVE MODE");
      assertThatThrownBy(
              () ->
                  jdbi.useHandle(
                      h -> {
                        h.execute("SET lock_timeout = '200ms'");
                        h.attach(VectorIndexDao.class).ensure(HnswIndex.of(VectorStorage.HALFVEC));
                      }))
          .hasMessageContaining("lock timeout");
      writer.rollback();
    }
    assertThat(index.current()).contains(HnswIndex.of(VectorStorage.VECTOR));
    assertThat(hnswIndexes()).containsExactly(VectorStorage.INDEX);
  }

  private static List<String> hnswIndexes() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'chunks' AND indexdef LIKE '%hnsw%'")
                .mapTo(String.class)
                .list());
  }

  private static String explain(Handle h, VectorStorage storage) {
    return String.join(
        "\n",
        VectorSearchDao.bindKnn(
                h.createQuery("EXPLAIN " + VectorSearchDao.knnSql(storage, 384)),
                ws,
                new PGvector(embedder.embedQuery("storm")),
                3,
                3,
                SearchFilters.NONE)
            .mapTo(String.class)
            .list());
  }

  private static List<UUID> ids(List<RankedHit> hits) {
    return hits.stream().map(RankedHit::chunkId).toList();
  }
}
