package dev.minirag.search;

import dev.minirag.common.db.FansOut;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * What the Lucene index reads from PostgreSQL: each workspace's change feed and the chunks it
 * points at.
 */
@RegisterConstructorMapper(ChunkChange.class)
@RegisterConstructorMapper(IndexedChunk.class)
@RegisterConstructorMapper(WorkspaceSeq.class)
public interface IndexFeedDao {

  String CHUNK_COLUMNS =
      """
      SELECT c.id, c.workspace_id, c.source_id, s.kind, s.title, s.created_at, c.text
      FROM chunks c JOIN sources s ON s.workspace_id = c.workspace_id AND s.id = c.source_id
      """;

  /**
   * Every workspace that has ever changed a chunk, with the last change number committed to its
   * feed. A workspace the index holds documents of and that is missing here has been deleted.
   */
  @SqlQuery("SELECT id, change_seq FROM workspaces WHERE change_seq > 0")
  List<WorkspaceSeq> workspaceSeqs();

  /** The last change number committed to this workspace's feed; empty when it is gone. */
  @SqlQuery("SELECT change_seq FROM workspaces WHERE id = :ws")
  Optional<Long> workspaceSeq(@Bind("ws") UUID workspaceId);

  /**
   * Chunk changes committed past the given per-workspace positions (a workspace not listed is at
   * 0). Only workspaces that are behind are counted, each along its primary key.
   */
  @FansOut("the index's lag, summed over every workspace's feed")
  @SqlQuery(
      """
      SELECT COALESCE(sum((SELECT count(*) FROM chunk_changes c
                           WHERE c.workspace_id = w.id AND c.seq > COALESCE(cur.seq, 0))), 0)
      FROM workspaces w
      LEFT JOIN unnest(CAST(:ids AS uuid[]), CAST(:seqs AS bigint[])) AS cur(ws, seq)
        ON cur.ws = w.id
      WHERE w.change_seq > COALESCE(cur.seq, 0)
      """)
  long changesPast(@Bind("ids") UUID[] workspaceIds, @Bind("seqs") Long[] seqs);

  /** Every chunk a rebuild indexes (for its progress). */
  @FansOut("a rebuild indexes every workspace's chunks")
  @SqlQuery("SELECT count(*) FROM chunks")
  long chunkCount();

  /**
   * A workspace's changes after position ({@code afterSeq}, {@code afterChunk}), in order. One
   * transaction's changes share a number, so a page may end inside one: the chunk id continues it.
   */
  @SqlQuery(
      """
      SELECT seq, chunk_id, op FROM chunk_changes
      WHERE workspace_id = :ws AND (seq, chunk_id) > (:afterSeq, :afterChunk)
      ORDER BY seq, chunk_id
      LIMIT :limit
      """)
  List<ChunkChange> changesAfter(
      @Bind("ws") UUID workspaceId,
      @Bind("afterSeq") long afterSeq,
      @Bind("afterChunk") UUID afterChunk,
      @Bind("limit") int limit);

  /** The current rows of these chunks; a chunk deleted since is simply absent. */
  @SqlQuery(CHUNK_COLUMNS + " WHERE c.workspace_id = :ws AND c.id = ANY(:ids)")
  List<IndexedChunk> chunks(@Bind("ws") UUID workspaceId, @Bind("ids") UUID[] ids);

  @FansOut("a rebuild indexes every workspace's chunks from one snapshot")
  @SqlQuery(CHUNK_COLUMNS)
  @FetchSize(500)
  Stream<IndexedChunk> allChunks();

  /**
   * Hands every chunk to {@code sink} from one snapshot and returns every workspace's change number
   * read in that same snapshot: each workspace's changes up to its number are in the snapshot and
   * none after it.
   */
  @Transaction(value = TransactionIsolationLevel.REPEATABLE_READ, readOnly = true)
  default Map<UUID, Long> snapshot(Consumer<IndexedChunk> sink) {
    Map<UUID, Long> seqs = new HashMap<>();
    for (WorkspaceSeq w : workspaceSeqs()) {
      seqs.put(w.id(), w.changeSeq());
    }
    try (Stream<IndexedChunk> all = allChunks()) {
      all.forEach(sink);
    }
    return seqs;
  }

  /**
   * Identifies this database's change log: a recreated or restored database gets a new table oid,
   * so an index built from another database is detected and rebuilt.
   */
  @SqlQuery("SELECT current_database() || ':' || to_regclass('chunk_changes')::oid")
  Optional<String> logIdentity();
}
