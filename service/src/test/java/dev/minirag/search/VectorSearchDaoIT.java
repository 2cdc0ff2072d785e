package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.documents.SourceKind;
import dev.minirag.embedding.Embedder;
import dev.minirag.embedding.TestEmbedders;
import dev.minirag.embedding.VectorStorage;
import dev.minirag.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The vector leg: pgvector cosine kNN with real MiniLM vectors. */
class VectorSearchDaoIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  private static Jdbi jdbi;
  private static Embedder embedder;
  private static VectorSearchDao dao;
  private static UUID ws;
  private static UUID other;
  private static UUID animals;
  private static UUID weather;
  private static UUID cooking;
  private static List<UUID> animalChunks;
  private static List<UUID> weatherChunks;
  private static List<UUID> cookingChunks;
  private static UUID otherChunk;
  private static UUID unembedded;

  @BeforeAll
  static void corpus() {
    jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
    embedder = TestEmbedders.miniLmQ();
    dao = jdbi.onDemand(VectorSearchDao.class);
    Corpus corpus = new Corpus(jdbi, embedder);
    ws = corpus.workspace("vectors");
    other = corpus.workspace("someone else");
    animals = corpus.source(ws, "text", "Animals", Instant.parse("2025-01-01T00:00:00Z"));
    weather = corpus.source(ws, "url", "Weather", Instant.parse("2025-06-01T00:00:00Z"));
    cooking = corpus.source(ws, "file", "Cooking", Instant.parse("2026-01-01T00:00:00Z"));
    animalChunks =
        corpus.chunks(
            ws,
            animals,
            "Cats purr when they are content and sleep most of the day.",
            "Dogs were domesticated from wolves thousands of years ago.",
            "Elephants use their trunks to drink water and greet each other.",
            "Owls hunt at night thanks to silent feathers and sharp hearing.");
    weatherChunks =
        corpus.chunks(
            ws,
            weather,
            "Thunderstorms form when warm moist air rises quickly.",
            "A hurricane is a rotating storm with very strong winds.",
            "Snow falls when clouds are below freezing temperature.",
            "Fog is a cloud touching the ground, common on cold mornings.");
    cookingChunks =
        corpus.chunks(
            ws,
            cooking,
            "Knead the bread dough for ten minutes and let it rise.",
            "Simmer tomatoes with garlic and basil for a pasta sauce.",
            "Sear the steak on a hot pan, then rest it before slicing.",
            "Whisk eggs and sugar until pale to make a sponge cake.");
    otherChunk =
        new Corpus(jdbi, embedder)
            .chunk(
                other,
                corpus.source(other, "text", "Pets"),
                "Kittens purr and nap in sunny spots all day long.");
    // A chunk ingestion has not embedded yet: never a vector hit.
    unembedded =
        new Corpus(jdbi, null).chunk(ws, animals, "Cats and kittens purring while sleeping.");
  }

  private static List<RankedHit> nearest(String query, int k, SearchFilters filters) {
    return dao.nearest(ws, embedder.embedQuery(query), k, filters, 100);
  }

  @Test
  void findsTheSemanticallyClosestChunkWithCosineSimilarity() {
    List<RankedHit> hits = nearest("my kitty sleeps all afternoon", 5, SearchFilters.NONE);
    assertThat(hits).hasSize(5);
    assertThat(hits.get(0).chunkId()).isEqualTo(animalChunks.get(0));
    assertThat(hits).extracting(RankedHit::rank).containsExactly(1, 2, 3, 4, 5);
    assertThat(hits.get(0).score()).isBetween(0.3, 1.0);
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
    }
    assertThat(nearest("windy tropical cyclone", 1, SearchFilters.NONE).get(0).chunkId())
        .isEqualTo(weatherChunks.get(1));
  }

  @Test
  void neverReturnsAnotherWorkspacesOrAnUnembeddedChunk() {
    // The other workspace's text is the closest there is to this query, and it stays invisible.
    List<RankedHit> hits =
        nearest("Kittens purr and nap in sunny spots all day long.", 50, SearchFilters.NONE);
    assertThat(hits).hasSize(12);
    assertThat(hits).extracting(RankedHit::chunkId).doesNotContain(otherChunk, unembedded);
    List<RankedHit> theirs =
        dao.nearest(other, embedder.embedQuery("cats"), 50, SearchFilters.NONE, 100);
    assertThat(theirs).extracting(RankedHit::chunkId).containsExactly(otherChunk);
    assertThat(theirs.get(0).score()).isGreaterThan(0.2);
  }

  @Test
  void filtersBySourceKindAndDate() {
    String q = "animals, weather and food";
    assertThat(nearest(q, 50, SearchFilters.sources(cooking)))
        .extracting(RankedHit::chunkId)
        .containsExactlyInAnyOrderElementsOf(cookingChunks);
    assertThat(nearest(q, 50, SearchFilters.kinds(SourceKind.URL)))
        .extracting(RankedHit::chunkId)
        .containsExactlyInAnyOrderElementsOf(weatherChunks);
    assertThat(nearest(q, 50, SearchFilters.kinds(SourceKind.YOUTUBE))).isEmpty();
    List<UUID> afterMid = new ArrayList<>(weatherChunks);
    afterMid.addAll(cookingChunks);
    assertThat(nearest(q, 50, SearchFilters.created(Instant.parse("2025-06-01T00:00:00Z"), null)))
        .extracting(RankedHit::chunkId)
        .containsExactlyInAnyOrderElementsOf(afterMid);
    assertThat(nearest(q, 50, SearchFilters.created(null, Instant.parse("2025-06-01T00:00:00Z"))))
        .extracting(RankedHit::chunkId)
        .containsExactlyInAnyOrderElementsOf(animalChunks);
    assertThat(
            nearest(
                q,
                50,
                new SearchFilters(Set.of(animals, weather), Set.of(SourceKind.URL), null, null)))
        .extracting(RankedHit::chunkId)
        .containsExactlyInAnyOrderElementsOf(weatherChunks);
  }

  /** The DAO's own kNN statement, to EXPLAIN it. */
  private static String knnSql() {
    for (java.lang.reflect.Method m : VectorSearchDao.class.getMethods()) {
      if (m.getName().equals("knn")) {
        return m.getAnnotation(org.jdbi.v3.sqlobject.statement.SqlQuery.class).value();
      }
    }
    throw new AssertionError("no knn method");
  }

  @Test
  void throughTheHnswIndexAnIterativeScanStillFillsKUnderAFilter() {
    float[] q = embedder.embedQuery("storm clouds and rain");
    List<RankedHit> exact = dao.nearest(ws, q, 3, SearchFilters.kinds(SourceKind.FILE), 100);
    List<RankedHit> viaIndex =
        jdbi.withHandle(
            h -> {
              // Make the planner take the HNSW index, and give it a tiny candidate list:
              // only the iterative scan can then find 3 cooking chunks among the weather ones.
              h.execute("SET enable_seqscan = off");
              h.execute("SET enable_sort = off");
              String sql = knnSql();
              String plan =
                  String.join(
                      "\n",
                      h.createQuery("EXPLAIN " + sql)
                          .registerArgument(new dev.minirag.embedding.PgVectorArgumentFactory())
                          .bind("workspaceId", ws)
                          .bind("q", new com.pgvector.PGvector(q))
                          .bind("k", 3)
                          .bind("scan", 3)
                          .bind("sourceIds", new UUID[0])
                          .bind("kinds", new String[] {"file"})
                          .bindByType("after", null, Instant.class)
                          .bindByType("before", null, Instant.class)
                          .mapTo(String.class)
                          .list());
              assertThat(plan).contains("chunks_embedding_hnsw_idx");
              return h.attach(VectorSearchDao.class)
                  .nearest(ws, q, 3, SearchFilters.kinds(SourceKind.FILE), 1);
            });
    assertThat(viaIndex).hasSize(3);
    assertThat(viaIndex)
        .extracting(RankedHit::chunkId)
        .containsExactlyElementsOf(exact.stream().map(RankedHit::chunkId).toList());
  }

  @Test
  void aWalkPastKThroughTheIndexKeepsTheBestKByExactDistance() {
    float[] q = embedder.embedQuery("a cat asleep in the sun");
    List<RankedHit> exact = dao.nearest(ws, q, 3, SearchFilters.NONE, 100);
    List<RankedHit> walked =
        jdbi.withHandle(
            h -> {
              h.execute("SET enable_seqscan = off");
              h.execute("SET enable_sort = off");
              return h.attach(VectorSearchDao.class)
                  .nearest(ws, q, 3, SearchFilters.NONE, 1, VectorStorage.VECTOR, 50);
            });
    assertThat(walked)
        .extracting(RankedHit::chunkId)
        .containsExactlyElementsOf(exact.stream().map(RankedHit::chunkId).toList());
    assertThat(walked).extracting(RankedHit::rank).containsExactly(1, 2, 3);
  }

  @Test
  void theScanSettingsHoldForTheSearchsTransactionOnly() {
    jdbi.useHandle(
        h -> {
          // A first search loads pgvector into this session, so its settings have their defaults.
          h.attach(VectorSearchDao.class)
              .nearest(ws, embedder.embedQuery("rain"), 3, SearchFilters.NONE, 100);
          String efSearch = "SELECT current_setting('hnsw.ef_search', true)";
          String before = h.createQuery(efSearch).mapTo(String.class).one();
          assertThat(before).isNotNull();
          String readOnly = "SELECT current_setting('transaction_read_only')";
          // Past the driver's prepare threshold (5), where the statement runs server-prepared.
          for (int i = 0; i < 8; i++) {
            List<String> inside =
                h.inTransaction(
                    t -> {
                      t.attach(VectorSearchDao.class).configureScan(7);
                      return List.of(
                          t.createQuery(efSearch).mapTo(String.class).one(),
                          t.createQuery(readOnly).mapTo(String.class).one());
                    });
            assertThat(inside).as("transaction %d", i).containsExactly("7", "on");
            assertThat(h.createQuery(efSearch).mapTo(String.class).one()).isEqualTo(before);
          }
          h.attach(VectorSearchDao.class)
              .nearest(ws, embedder.embedQuery("rain"), 3, SearchFilters.NONE, 9);
          assertThat(h.createQuery(efSearch).mapTo(String.class).one()).isEqualTo(before);
          assertThat(h.createQuery(readOnly).mapTo(String.class).one()).isEqualTo("off");
        });
  }
}
