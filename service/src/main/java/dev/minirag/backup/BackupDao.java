package dev.minirag.backup;

import com.pgvector.PGvector;
import dev.minirag.embedding.PgVectorArgumentFactory;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;
import org.jdbi.v3.sqlobject.transaction.Transactional;

/**
 * Bulk copies of a workspace's content rows (sources, their documents, chunks with vectors). The
 * documents feature's services work one source at a time; an export is a consistent snapshot of all
 * of them and an import a single transaction, so this feature reads and writes the rows itself.
 */
@RegisterConstructorMapper(BackupDao.SourceRow.class)
@RegisterConstructorMapper(BackupDao.DocumentRow.class)
@RegisterConstructorMapper(BackupDao.ChunkRow.class)
@RegisterConstructorMapper(BackupDao.StatusCount.class)
@RegisterConstructorMapper(BackupDao.Embedding.class)
public interface BackupDao extends Transactional<BackupDao> {

  record SourceRow(
      UUID id,
      String kind,
      String title,
      String uri,
      String externalId,
      String mimeType,
      String contentHash,
      int chunkCount,
      long byteSize,
      String etag,
      String lastModified,
      String metadata,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      String fileName) {}

  record DocumentRow(UUID sourceId, String document, int charCount) {}

  /** {@code embedding} in pgvector's text form, or null. */
  record ChunkRow(UUID sourceId, int ordinal, String text, String metadata, String embedding) {}

  record StatusCount(String status, long count) {}

  record Embedding(String model, int dimension) {}

  /** A new source row as imported: always ready, its chunks arrive in the same transaction. */
  record NewSource(
      UUID workspaceId,
      String kind,
      String title,
      String uri,
      String externalId,
      String mimeType,
      String contentHash,
      int chunkCount,
      long byteSize,
      String etag,
      String lastModified,
      String metadata,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      String fileName) {}

  /**
   * Runs {@code reader} in one read-only snapshot, so an export sees one moment of the workspace.
   */
  @Transaction(value = TransactionIsolationLevel.REPEATABLE_READ, readOnly = true)
  default <T> T snapshot(Function<BackupDao, T> reader) {
    return reader.apply(this);
  }

  @SqlQuery("SELECT name FROM workspaces WHERE id = :ws")
  Optional<String> workspaceName(@Bind("ws") UUID workspace);

  /** The model the stored vectors come from (EmbeddingGuard records it at startup). */
  @SqlQuery("SELECT model, dimension FROM embedding_settings WHERE id")
  Optional<Embedding> storedEmbedding();

  @SqlQuery("SELECT count(*) FROM sources WHERE workspace_id = :ws AND status = 'ready'")
  long readySources(@Bind("ws") UUID workspace);

  @SqlQuery(
      "SELECT COALESCE(sum(chunk_count), 0) FROM sources WHERE workspace_id = :ws AND status = 'ready'")
  long readyChunks(@Bind("ws") UUID workspace);

  @SqlQuery(
      "SELECT status, count(*) AS count FROM sources WHERE workspace_id = :ws AND status <> 'ready' GROUP BY status ORDER BY status")
  List<StatusCount> notReady(@Bind("ws") UUID workspace);

  @SqlQuery(
      """
      SELECT id, kind, title, uri, external_id, mime_type, content_hash, chunk_count, byte_size, etag, last_modified,
             metadata::text AS metadata, created_at, updated_at, file_name
      FROM sources WHERE workspace_id = :ws AND status = 'ready'
      ORDER BY created_at, id
      """)
  @FetchSize(200)
  Stream<SourceRow> sources(@Bind("ws") UUID workspace);

  @SqlQuery(
      """
      SELECT d.source_id, d.document::text AS document, d.char_count
      FROM source_documents d JOIN sources s ON s.workspace_id = d.workspace_id AND s.id = d.source_id
      WHERE d.workspace_id = :ws AND s.status = 'ready'
      ORDER BY d.source_id
      """)
  @FetchSize(20)
  Stream<DocumentRow> documents(@Bind("ws") UUID workspace);

  /** Grouped by source, ordinals ascending: the order the import checks. */
  @SqlQuery(
      """
      SELECT c.source_id, c.ordinal, c.text, c.metadata::text AS metadata, c.embedding::text AS embedding
      FROM chunks c JOIN sources s ON s.workspace_id = c.workspace_id AND s.id = c.source_id
      WHERE c.workspace_id = :ws AND s.status = 'ready'
      ORDER BY c.source_id, c.ordinal
      """)
  @FetchSize(500)
  Stream<ChunkRow> chunks(@Bind("ws") UUID workspace);

  // --- import, all within the caller's transaction ---

  /**
   * Locks the workspace's stored-content counters: every store of a source updates this row, so
   * while the import holds it no source can appear in the workspace (QuotaService locks the same).
   */
  @SqlQuery("SELECT workspace_id FROM workspace_usage WHERE workspace_id = :ws FOR UPDATE")
  Optional<UUID> lockWorkspaceContent(@Bind("ws") UUID workspace);

  @SqlQuery("SELECT count(*) FROM sources WHERE workspace_id = :ws")
  long sourceCount(@Bind("ws") UUID workspace);

  @SqlQuery(
      """
      INSERT INTO sources (workspace_id, kind, title, uri, external_id, mime_type, content_hash, status,
                           chunk_count, embedded_count, byte_size, etag, last_modified, metadata, created_at, updated_at,
                           file_name)
      VALUES (:workspaceId, :kind, :title, :uri, :externalId, :mimeType, :contentHash, 'ready',
              :chunkCount, :chunkCount, :byteSize, :etag, :lastModified, CAST(:metadata AS jsonb), :createdAt, :updatedAt,
              :fileName)
      RETURNING id
      """)
  UUID insertSource(@BindMethods NewSource source);

  @SqlUpdate(
      """
      INSERT INTO source_documents (workspace_id, source_id, document, char_count)
      VALUES (:ws, :id, CAST(:doc AS jsonb), :chars)
      """)
  void insertDocument(
      @Bind("ws") UUID workspace,
      @Bind("id") UUID sourceId,
      @Bind("doc") String json,
      @Bind("chars") int chars);

  /** Vectors bound as ChunkDao binds them; a null one leaves the chunk to BM25 only. */
  @SqlBatch(
      """
      INSERT INTO chunks (source_id, workspace_id, ordinal, text, metadata, embedding)
      VALUES (:sourceId, :workspaceId, :ordinal, :text, CAST(:metadata AS jsonb), :embedding)
      """)
  @RegisterArgumentFactory(PgVectorArgumentFactory.class)
  void insertChunks(
      @Bind("sourceId") List<UUID> sourceIds,
      @Bind("workspaceId") UUID workspaceId,
      @Bind("ordinal") List<Integer> ordinals,
      @Bind("text") List<String> texts,
      @Bind("metadata") List<String> metadata,
      @Bind("embedding") List<PGvector> embeddings);
}
