package dev.minirag.embedding;

import com.pgvector.PGvector;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** What the {@code reembed} command reads and writes: every chunk's text and vector. */
public interface ReembedDao extends SqlObject {

  /** A chunk to embed again, with its source's title (part of the embedded text). */
  record Row(UUID id, String title, String text) {}

  @SqlQuery("SELECT count(*) FROM chunks")
  long countChunks();

  /** The next page of chunks after {@code after} in id order (a keyset page). */
  @SqlQuery(
      """
      SELECT c.id, s.title, c.text FROM chunks c JOIN sources s ON s.id = c.source_id
      WHERE c.id > :after ORDER BY c.id LIMIT :limit
      """)
  @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(Row.class)
  List<Row> page(@Bind("after") UUID after, @Bind("limit") int limit);

  @SqlBatch("UPDATE chunks SET embedding = :v WHERE id = :id")
  @RegisterArgumentFactory(PgVectorArgumentFactory.class)
  void setEmbeddings(@Bind("id") List<UUID> ids, @Bind("v") List<PGvector> vectors);

  /**
   * Empties the column and changes its dimension. The dimension is the model's, an int, never
   * caller text; DDL cannot take it as a bound parameter.
   */
  @Transaction
  default void resizeEmbeddings(int dimension) {
    getHandle().execute("DROP INDEX IF EXISTS " + VectorStorage.INDEX);
    getHandle().execute("UPDATE chunks SET embedding = NULL");
    getHandle().execute("ALTER TABLE chunks ALTER COLUMN embedding TYPE vector(" + dimension + ")");
  }

  /** The HNSW index again, with the configured storage ({@link VectorStorage}). */
  default void createVectorIndex(VectorStorage storage, int dimension) {
    getHandle().attach(VectorIndexDao.class).createIfAbsent(storage, dimension);
  }
}
