package dev.minirag.search;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** What the Lucene index reads from PostgreSQL: the change log and the chunks it points at. */
@RegisterConstructorMapper(ChunkChange.class)
@RegisterConstructorMapper(IndexedChunk.class)
public interface IndexFeedDao {

  String CHUNK_COLUMNS =
      """
      SELECT c.id, c.workspace_id, c.source_id, s.kind, s.title, s.created_at, c.text
      FROM chunks c JOIN sources s ON s.id = c.source_id
      """;

  /** The newest change-log position, 0 when the log is empty. */
  @SqlQuery("SELECT COALESCE(max(seq), 0) FROM chunk_changes")
  long maxSeq();

  /** Every chunk a rebuild indexes (for its progress). */
  @SqlQuery("SELECT count(*) FROM chunks")
  long chunkCount();

  @SqlQuery(
      "SELECT seq, chunk_id, op FROM chunk_changes WHERE seq > :after ORDER BY seq LIMIT :limit")
  List<ChunkChange> changesAfter(@Bind("after") long after, @Bind("limit") int limit);

  /** The current rows of these chunks; a chunk deleted since is simply absent. */
  @SqlQuery(CHUNK_COLUMNS + " WHERE c.id = ANY(:ids)")
  List<IndexedChunk> chunks(@Bind("ids") UUID[] ids);

  @SqlQuery(CHUNK_COLUMNS)
  @FetchSize(500)
  Stream<IndexedChunk> allChunks();

  /**
   * Hands every chunk to {@code sink} from one snapshot and returns the change-log position that
   * snapshot includes. Writers append to the log under one advisory lock, so every change up to
   * that position is in the snapshot and none after it.
   */
  @Transaction(value = TransactionIsolationLevel.REPEATABLE_READ, readOnly = true)
  default long snapshot(Consumer<IndexedChunk> sink) {
    long seq = maxSeq();
    try (Stream<IndexedChunk> all = allChunks()) {
      all.forEach(sink);
    }
    return seq;
  }

  /**
   * Identifies this database's change log: a recreated or restored database gets a new table oid,
   * so an index built from another database is detected and rebuilt.
   */
  @SqlQuery("SELECT current_database() || ':' || to_regclass('chunk_changes')::oid")
  Optional<String> logIdentity();
}
