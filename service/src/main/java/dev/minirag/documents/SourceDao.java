package dev.minirag.documents;

import dev.minirag.common.db.FansOut;
import dev.minirag.common.db.WireNameArgumentFactory;
import dev.minirag.common.db.WireNameColumnMapperFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapperFactory;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transactional;

@RegisterConstructorMapper(Source.class)
@RegisterArgumentFactory(WireNameArgumentFactory.class)
@RegisterColumnMapperFactory(WireNameColumnMapperFactory.class)
public interface SourceDao extends Transactional<SourceDao> {

  /**
   * Locks the source's row for the caller's transaction and answers its content hash (empty when
   * deleted): a concurrent delete or refresh either finishes first or waits.
   */
  @SqlQuery("SELECT content_hash FROM sources WHERE workspace_id = :ws AND id = :id FOR UPDATE")
  Optional<String> lockContentHash(@Bind("ws") UUID workspace, @Bind("id") UUID id);

  /**
   * The effective interval: the source's own, else the workspace default, else off (URL and YouTube
   * only).
   */
  String EFFECTIVE_INTERVAL =
      "CASE WHEN sources.kind IN ('url', 'youtube') THEN coalesce(sources.resync_interval,"
          + " (SELECT d.interval FROM resync_defaults d WHERE d.workspace_id = sources.workspace_id), 'off') ELSE 'off' END";

  String COLUMNS =
      "id, workspace_id, kind, title, uri, external_id, mime_type, content_hash, status, error,"
          + " chunk_count, embedded_count, byte_size, etag, last_modified, created_at, updated_at, file_name,"
          + " resync_interval, "
          + EFFECTIVE_INTERVAL
          + " AS effective_resync_interval, last_checked_at, last_changed_at,"
          + " coalesce(next_check_at, coalesce(last_checked_at, created_at) + resync_period("
          + EFFECTIVE_INTERVAL
          + "))"
          + " AS next_check_at";

  /** Inserts unless the workspace already holds this content; empty means duplicate. */
  default Optional<UUID> insert(NewSource source) {
    return insert(source, false);
  }

  /**
   * As above; {@code ready}: as ready, all its chunks embedded, for a source whose chunks are
   * written in the same transaction. Marking it ready afterwards cost an update of the row (a new
   * version of it in every index) for each source.
   */
  @SqlQuery(
      """
      INSERT INTO sources (workspace_id, kind, title, uri, external_id, mime_type, content_hash,
                           status, chunk_count, embedded_count, byte_size, etag, last_modified,
                           created_by, file_name)
      VALUES (:workspaceId, :kind, :title, :uri, :externalId, :mimeType, :contentHash,
              CASE WHEN :ready THEN 'ready' ELSE 'pending' END, :chunkCount,
              CASE WHEN :ready THEN :chunkCount ELSE 0 END, :byteSize, :etag, :lastModified,
              CAST(:createdBy AS uuid), :fileName)
      ON CONFLICT (workspace_id, content_hash) DO NOTHING
      RETURNING id
      """)
  Optional<UUID> insert(@BindMethods NewSource source, @Bind("ready") boolean ready);

  @SqlQuery("SELECT id FROM sources WHERE workspace_id = :ws AND content_hash = :hash")
  Optional<UUID> findByHash(@Bind("ws") UUID workspaceId, @Bind("hash") String hash);

  /** Which of these contents the workspace already holds, as content hash → source id. */
  @SqlQuery(
      "SELECT content_hash, id FROM sources WHERE workspace_id = :ws AND content_hash = ANY(:hashes)")
  @KeyColumn("content_hash")
  @ValueColumn("id")
  Map<String, UUID> findByHashes(@Bind("ws") UUID workspaceId, @Bind("hashes") String[] hashes);

  @SqlQuery("SELECT " + COLUMNS + " FROM sources WHERE workspace_id = :ws AND id = :id")
  Optional<Source> find(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

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
      @Bind("kind") SourceKind kind,
      @Bind("status") SourceStatus status,
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
      @Bind("kind") SourceKind kind,
      @Bind("status") SourceStatus status,
      @Bind("q") String query);

  @SqlQuery("SELECT id FROM sources WHERE workspace_id = :ws AND id = ANY(:ids)")
  List<UUID> existing(@Bind("ws") UUID workspaceId, @Bind("ids") UUID[] ids);

  @SqlUpdate(
      "UPDATE sources SET status = :status, embedded_count = :embedded, chunk_count = :chunks,"
          + " error = NULL, updated_at = now() WHERE workspace_id = :ws AND id = :id")
  void progress(
      @Bind("ws") UUID workspace,
      @Bind("id") UUID id,
      @Bind("status") SourceStatus status,
      @Bind("chunks") int chunkCount,
      @Bind("embedded") int embedded);

  @SqlUpdate(
      "UPDATE sources SET status = 'failed', error = :error, updated_at = now() WHERE workspace_id = :ws AND id = :id")
  void fail(@Bind("ws") UUID workspace, @Bind("id") UUID id, @Bind("error") String error);

  @SqlUpdate(
      "UPDATE sources SET status = 'ready', chunk_count = :chunks, embedded_count = :chunks,"
          + " error = NULL, updated_at = now() WHERE workspace_id = :ws AND id = :id")
  void ready(@Bind("ws") UUID workspace, @Bind("id") UUID id, @Bind("chunks") int chunkCount);

  @SqlUpdate(
      """
      UPDATE sources SET content_hash = :hash, title = :title, mime_type = :mimeType,
             byte_size = :byteSize, etag = :etag, last_modified = :lastModified, chunk_count = :chunks,
             status = 'pending', error = NULL, updated_at = now()
      WHERE workspace_id = :ws AND id = :id
      """)
  void replaceContent(
      @Bind("ws") UUID workspace,
      @Bind("id") UUID id,
      @Bind("hash") String hash,
      @Bind("title") String title,
      @Bind("mimeType") String mimeType,
      @Bind("byteSize") long byteSize,
      @Bind("etag") String etag,
      @Bind("lastModified") String lastModified,
      @Bind("chunks") int chunkCount);

  @SqlUpdate(
      "UPDATE sources SET etag = :etag, last_modified = :lastModified, updated_at = now() WHERE workspace_id = :ws AND id = :id")
  void touchValidators(
      @Bind("ws") UUID workspace,
      @Bind("id") UUID id,
      @Bind("etag") String etag,
      @Bind("lastModified") String lastModified);

  /** A re-sync found the content as stored (304 or the same hash). */
  @SqlUpdate(
      """
      UPDATE sources SET etag = coalesce(:etag, etag), last_modified = coalesce(:lastModified, last_modified),
             last_checked_at = now() WHERE workspace_id = :ws AND id = :id
      """)
  void checked(
      @Bind("ws") UUID workspace,
      @Bind("id") UUID id,
      @Bind("etag") String etag,
      @Bind("lastModified") String lastModified);

  /**
   * A re-sync gave up (the page is gone, the site down): checked all the same, so it waits a full
   * period.
   */
  @SqlUpdate("UPDATE sources SET last_checked_at = now() WHERE workspace_id = :ws AND id = :id")
  void checkFailed(@Bind("ws") UUID workspace, @Bind("id") UUID id);

  @SqlUpdate(
      "UPDATE sources SET last_checked_at = now(), last_changed_at = now() WHERE workspace_id = :ws AND id = :id")
  void changed(@Bind("ws") UUID workspace, @Bind("id") UUID id);

  /** Null = the workspace default. The next check is counted from the last one again. */
  @SqlUpdate(
      "UPDATE sources SET resync_interval = :interval, next_check_at = NULL WHERE workspace_id = :ws AND id = :id")
  int setResyncInterval(
      @Bind("ws") UUID workspace, @Bind("id") UUID id, @Bind("interval") String interval);

  @SqlQuery("SELECT interval FROM resync_defaults WHERE workspace_id = :ws")
  Optional<String> resyncDefault(@Bind("ws") UUID workspace);

  @SqlUpdate(
      """
      INSERT INTO resync_defaults (workspace_id, interval) VALUES (:ws, :interval)
      ON CONFLICT (workspace_id) DO UPDATE SET interval = EXCLUDED.interval, updated_at = now()
      """)
  void setResyncDefault(@Bind("ws") UUID workspace, @Bind("interval") String interval);

  @SqlUpdate(
      "UPDATE sources SET next_check_at = NULL WHERE workspace_id = :ws AND resync_interval IS NULL")
  void rescheduleDefaults(@Bind("ws") UUID workspace);

  /** A due source's id and workspace, taken by one node's scan. */
  record Due(UUID id, UUID workspaceId) {}

  /**
   * Takes up to {@code limit} URL and YouTube sources whose check is due and sets their next check
   * one period on; SKIP LOCKED, so nodes scanning at once take different sources.
   */
  @FansOut("the re-sync scan takes due sources of every workspace")
  @SqlQuery(
      "WITH due AS (SELECT workspace_id, id FROM sources WHERE kind IN ('url', 'youtube') AND status IN ('ready', 'failed')"
          + " AND "
          + EFFECTIVE_INTERVAL
          + " <> 'off'"
          + " AND coalesce(next_check_at, coalesce(last_checked_at, created_at) + resync_period("
          + EFFECTIVE_INTERVAL
          + ")) <= now()"
          + " ORDER BY coalesce(last_checked_at, created_at) LIMIT :limit FOR UPDATE SKIP LOCKED)"
          + " UPDATE sources SET next_check_at = now() + resync_period("
          + EFFECTIVE_INTERVAL
          + ")"
          + " FROM due WHERE sources.workspace_id = due.workspace_id AND sources.id = due.id RETURNING sources.id, sources.workspace_id")
  @RegisterConstructorMapper(Due.class)
  List<Due> takeDue(@Bind("limit") int limit);

  /** Sources of a workspace, oldest first, for a reindex job. */
  @SqlQuery("SELECT id FROM sources WHERE workspace_id = :ws ORDER BY created_at, id")
  List<UUID> ids(@Bind("ws") UUID workspace);

  @SqlUpdate("DELETE FROM sources WHERE workspace_id = :ws AND id = :id")
  int delete(@Bind("ws") UUID workspaceId, @Bind("id") UUID id);

  /** An embedding that was canceled: the source says so instead of staying pending. */
  @SqlUpdate(
      "UPDATE sources SET status = 'failed', error = :error, updated_at = now()"
          + " WHERE workspace_id = :ws AND id = :id AND status IN ('pending', 'embedding')")
  void canceled(@Bind("ws") UUID workspace, @Bind("id") UUID id, @Bind("error") String error);

  @SqlUpdate(
      """
      INSERT INTO source_documents (workspace_id, source_id, document, char_count)
      VALUES (:ws, :id, CAST(:doc AS jsonb), :chars)
      ON CONFLICT (workspace_id, source_id) DO UPDATE SET document = EXCLUDED.document,
             char_count = EXCLUDED.char_count, updated_at = now()
      """)
  void saveDocument(
      @Bind("ws") UUID workspace,
      @Bind("id") UUID sourceId,
      @Bind("doc") String json,
      @Bind("chars") int chars);

  @SqlQuery("SELECT document FROM source_documents WHERE workspace_id = :ws AND source_id = :id")
  Optional<String> document(@Bind("ws") UUID workspace, @Bind("id") UUID sourceId);
}
