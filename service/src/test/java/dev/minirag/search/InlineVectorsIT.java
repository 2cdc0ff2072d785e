package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.embedding.ReembedDao;
import dev.minirag.embedding.TestEmbedders;
import dev.minirag.testing.TestDatabase;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A chunk's vector stays in its row (migration 014), where every search reads it, while a long text
 * moves out to the TOAST table; and re-embedding into another dimension keeps it so.
 */
class InlineVectorsIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  private static Jdbi jdbi;

  @BeforeAll
  static void connect() {
    jdbi = Jdbi.create(DB.dataSource()).installPlugin(new SqlObjectPlugin());
  }

  @Test
  void theVectorStaysInTheRowAndTheTextMovesOut() {
    Corpus corpus = new Corpus(jdbi, TestEmbedders.miniLmQ());
    UUID ws = corpus.workspace("inline");
    UUID source = corpus.source(ws, "text", "Long");
    // 1,200 bytes of text and a 1.5 KB vector do not fit the 2 KB a row may take before PostgreSQL
    // moves its largest movable value out: with the type's default storage, the vector.
    corpus.chunk(ws, source, incompressible(1_200));

    assertThat(storage()).isEqualTo("m");
    assertThat(outOfLineBytes()).isEqualTo(1_200);
  }

  @Test
  void aNewDimensionKeepsTheVectorsInTheRow() {
    ReembedDao reembed = jdbi.onDemand(ReembedDao.class);
    try {
      reembed.resizeEmbeddings(768);
      assertThat(storage()).isEqualTo("m");
    } finally {
      reembed.resizeEmbeddings(384);
    }
    assertThat(storage()).isEqualTo("m");
  }

  private static String storage() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT attstorage::text FROM pg_attribute"
                        + " WHERE attrelid = 'chunks'::regclass AND attname = 'embedding'")
                .mapTo(String.class)
                .one());
  }

  /** Bytes held in the chunks table's TOAST relation, which only the superuser may read. */
  private static long outOfLineBytes() {
    return Jdbi.create(DB.superuserDataSource())
        .withHandle(
            h -> {
              String toast =
                  h.createQuery(
                          "SELECT reltoastrelid::regclass::text FROM pg_class"
                              + " WHERE oid = 'chunks'::regclass")
                      .mapTo(String.class)
                      .one();
              // A relation name from the catalogue, not input: identifiers cannot be bound.
              return h.createQuery(
                      "SELECT COALESCE(sum(octet_length(chunk_data)), 0) FROM " + toast)
                  .mapTo(Long.class)
                  .one();
            });
  }

  /** Letters in no repeating pattern, so PostgreSQL's compression cannot keep them in the row. */
  private static String incompressible(int length) {
    Random random = new Random(14);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }
}
