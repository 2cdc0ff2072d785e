package dev.minirag.documents;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Source.class)
public interface SourceDao {

  String COLUMNS =
      "id, workspace_id, kind, title, uri, external_id, mime_type, content_hash, status, error,"
          + " chunk_count, embedded_count, byte_size, etag, last_modified, created_at, updated_at, file_name";

  /** Inserts unless the workspace already holds this content; empty means duplicate. */
  @SqlQuery(
      """
      INSERT INTO sources (workspace_id, kind, title, uri, external_id, mime_type, content_hash,
                           status, chunk_count, byte_size, etag, last_modified, created_by, file_name)
      VALUES (:workspaceId, :kind, :title, :uri, :externalId, :mimeType, :contentHash,
              'pending', :chunkCount, :byteSize, :etag, :lastModified, CAST(:createdBy AS uuid), :fileName)
      ON CONFLICT (workspace_id, content_hash) DO NOTHING
      RETURNING id
      """)
  Optional<UUID> insert(@BindMethods NewSource source);

  @SqlQuery("SELECT id FROM sources WHERE workspace_id = :ws AND content_hash = :hash")
  Optional<UUID> findByHash(@Bind("ws") UUID workspaceId, @Bind("hash") String hash);

  @SqlQuery("SELECT " + COLUMNS + " FROM sources WHERE workspace_id = :ws AND id = :id")
  Optional<Source> find(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

  @SqlQuery("SELECT " + COLUMNS + " FROM sources WHERE id = :id")
  Optional<Source> findAnyWorkspace(@Bind("id") UUID id);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + """
       FROM sources
      WHERE workspace_id = :ws
        AND (CAST(:kind AS text) IS NULL OR kind = :kind)
        AND (CAST(:status AS text) IS NULL OR status = :status)
        AND (CAST(:q AS text) IS NULL OR title ILIKE '%' || :q || '%' OR uri ILIKE '%' || :q || '%' OR file_name ILIKE '%' || :q || '%')
      ORDER BY created_at DESC, id
      LIMIT :limit OFFSET :offset
      """)
  List<Source> list(
      @Bind("ws") UUID workspaceId,
      @Bind("kind") String kind,
      @Bind("status") String status,
      @Bind("q") String query,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery(
      """
      SELECT count(*) FROM sources
      WHERE workspace_id = :ws
        AND (CAST(:kind AS text) IS NULL OR kind = :kind)
        AND (CAST(:status AS text) IS NULL OR status = :status)
        AND (CAST(:q AS text) IS NULL OR title ILIKE '%' || :q || '%' OR uri ILIKE '%' || :q || '%' OR file_name ILIKE '%' || :q || '%')
      """)
  long count(
      @Bind("ws") UUID workspaceId,
      @Bind("kind") String kind,
      @Bind("status") String status,
      @Bind("q") String query);

  @SqlQuery("SELECT id FROM sources WHERE workspace_id = :ws AND id = ANY(:ids)")
  List<UUID> existing(@Bind("ws") UUID workspaceId, @Bind("ids") UUID[] ids);

  @SqlUpdate(
      "UPDATE sources SET status = :status, embedded_count = :embedded, chunk_count = :chunks,"
          + " error = NULL, updated_at = now() WHERE id = :id")
  void progress(
      @Bind("id") UUID id,
      @Bind("status") String status,
      @Bind("chunks") int chunkCount,
      @Bind("embedded") int embedded);

  @SqlUpdate("UPDATE sources SET status = 'failed', error = :error, updated_at = now() WHERE id = :id")
  void fail(@Bind("id") UUID id, @Bind("error") String error);

  @SqlUpdate(
      "UPDATE sources SET status = 'ready', chunk_count = :chunks, embedded_count = :chunks,"
          + " error = NULL, updated_at = now() WHERE id = :id")
  void ready(@Bind("id") UUID id, @Bind("chunks") int chunkCount);

  @SqlUpdate(
      """
      UPDATE sources SET content_hash = :hash, title = :title, mime_type = :mimeType,
             byte_size = :byteSize, etag = :etag, last_modified = :lastModified, chunk_count = :chunks,
             status = 'pending', error = NULL, updated_at = now()
      WHERE id = :id
      """)
  void replaceContent(
      @Bind("id") UUID id,
      @Bind("hash") String hash,
      @Bind("title") String title,
      @Bind("mimeType") String mimeType,
      @Bind("byteSize") long byteSize,
      @Bind("etag") String etag,
      @Bind("lastModified") String lastModified,
      @Bind("chunks") int chunkCount);

  @SqlUpdate("UPDATE sources SET etag = :etag, last_modified = :lastModified, updated_at = now() WHERE id = :id")
  void touchValidators(@Bind("id") UUID id, @Bind("etag") String etag, @Bind("lastModified") String lastModified);

  @SqlUpdate("DELETE FROM sources WHERE workspace_id = :ws AND id = :id")
  int delete(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

  /** Sources whose embedding did not finish, e.g. because the process stopped. */
  @SqlQuery("SELECT id FROM sources WHERE status IN ('pending', 'embedding') ORDER BY created_at")
  List<UUID> unfinished();

  @SqlUpdate(
      """
      INSERT INTO source_documents (source_id, document, char_count) VALUES (:id, CAST(:doc AS jsonb), :chars)
      ON CONFLICT (source_id) DO UPDATE SET document = EXCLUDED.document,
             char_count = EXCLUDED.char_count, updated_at = now()
      """)
  void saveDocument(@Bind("id") UUID sourceId, @Bind("doc") String json, @Bind("chars") int chars);

  @SqlQuery("SELECT document FROM source_documents WHERE source_id = :id")
  Optional<String> document(@Bind("id") UUID sourceId);
}
