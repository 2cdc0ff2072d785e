package dev.minirag.embedding;

import com.pgvector.PGvector;
import dev.minirag.common.db.FansOut;
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
  record Row(UUID workspaceId, UUID id, String title, String text) {}

  @FansOut("the reembed command rewrites every workspace's vectors")
  @SqlQuery("SELECT count(*) FROM chunks")
  long countChunks();

  /**
   * The next page of chunks after ({@code afterWorkspace}, {@code after}) in primary-key order (a
   * keyset page): the key is (workspace_id, id), so paging by id alone would scan the table for
   * every page.
   */
  @FansOut("the reembed command pages through every workspace's chunks")
  @SqlQuery(
      """
      SELECT c.workspace_id, c.id, s.title, c.text FROM chunks c
      JOIN sources s ON s.workspace_id = c.workspace_id AND s.id = c.source_id
      WHERE (c.workspace_id, c.id) > (:afterWorkspace, :after)
      ORDER BY c.workspace_id, c.id LIMIT :limit
      """)
  @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(Row.class)
  List<Row> page(
      @Bind("afterWorkspace") UUID afterWorkspace,
      @Bind("after") UUID after,
      @Bind("limit") int limit);

  @SqlBatch("UPDATE chunks SET embedding = :v WHERE workspace_id = :workspaceId AND id = :id")
  @RegisterArgumentFactory(PgVectorArgumentFactory.class)
  void setEmbeddings(
      @Bind("workspaceId") List<UUID> workspaceIds,
      @Bind("id") List<UUID> ids,
      @Bind("v") List<PGvector> vectors);

  /**
   * Empties the column and changes its dimension. The dimension is the model's, an int, never
   * caller text; DDL cannot take it as a bound parameter. A new type resets the column's storage to
   * the type's default, so the vectors' place in the row (migration 014) is set again with it.
   */
  @Transaction
  default void resizeEmbeddings(int dimension) {
    getHandle().execute("DROP INDEX IF EXISTS " + VectorStorage.INDEX);
    getHandle().execute("UPDATE chunks SET embedding = NULL");
    getHandle()
        .execute(
            "ALTER TABLE chunks ALTER COLUMN embedding TYPE vector("
                + dimension
                + "), ALTER COLUMN embedding SET STORAGE MAIN");
  }

  /** The HNSW index again, as configured ({@link HnswIndex}). */
  default void createVectorIndex(HnswIndex index, int dimension) {
    getHandle().attach(VectorIndexDao.class).createIfAbsent(index, dimension);
  }
}
