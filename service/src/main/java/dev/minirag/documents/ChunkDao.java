package dev.minirag.documents;

import com.pgvector.PGvector;
import dev.minirag.embedding.PgVectorArgumentFactory;
import dev.minirag.embedding.PgVectorColumnMapper;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(StoredChunk.class)
@RegisterArgumentFactory(PgVectorArgumentFactory.class)
@RegisterColumnMapper(PgVectorColumnMapper.class)
public interface ChunkDao {

  /** A null embedding leaves the chunk to BM25 only. */
  @SqlBatch(
      """
      INSERT INTO chunks (source_id, workspace_id, ordinal, text, metadata, embedding)
      VALUES (:sourceId, :workspaceId, :ordinal, :text, CAST(:metadata AS jsonb), :embedding)
      """)
  void insert(
      @Bind("sourceId") UUID sourceId,
      @Bind("workspaceId") UUID workspaceId,
      @Bind("ordinal") List<Integer> ordinals,
      @Bind("text") List<String> texts,
      @Bind("metadata") List<String> metadata,
      @Bind("embedding") List<PGvector> embeddings);

  /** A stored chunk's text and its vector. */
  record StoredVector(String text, PGvector embedding) {}

  @SqlQuery(
      "SELECT text, embedding FROM chunks WHERE workspace_id = :ws AND source_id = :sourceId AND embedding IS NOT NULL")
  @RegisterConstructorMapper(StoredVector.class)
  List<StoredVector> vectors(@Bind("ws") UUID workspaceId, @Bind("sourceId") UUID sourceId);

  @SqlUpdate("DELETE FROM chunks WHERE workspace_id = :ws AND source_id = :sourceId")
  int deleteBySource(@Bind("ws") UUID workspaceId, @Bind("sourceId") UUID sourceId);

  @SqlQuery(
      """
      SELECT id, ordinal, text, metadata::text AS metadata, embedding IS NOT NULL AS embedded
      FROM chunks WHERE workspace_id = :ws AND source_id = :sourceId ORDER BY ordinal
      """)
  List<StoredChunk> list(@Bind("ws") UUID workspaceId, @Bind("sourceId") UUID sourceId);

  @SqlQuery("SELECT count(*) FROM chunks WHERE workspace_id = :ws")
  long count(@Bind("ws") UUID workspaceId);
}
