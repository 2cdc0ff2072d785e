package dev.minirag.search;

import com.pgvector.PGvector;
import dev.minirag.embedding.PgVectorArgumentFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Cosine nearest neighbours among one workspace's embedded chunks, through the HNSW index with
 * pgvector 0.8's iterative scan (so filters still fill {@code k} results).
 */
@RegisterArgumentFactory(PgVectorArgumentFactory.class)
@RegisterRowMapper(VectorSearchDao.HitMapper.class)
public interface VectorSearchDao {

  /**
   * Up to {@code k} chunks nearest to {@code query}, best first (ties by chunk id), scored by
   * cosine similarity. {@code efSearch} is HNSW's candidate list size: larger finds more true
   * neighbours.
   */
  @Transaction(readOnly = true)
  default List<RankedHit> nearest(
      UUID workspaceId, float[] query, int k, SearchFilters filters, int efSearch) {
    SearchFilters f = filters == null ? SearchFilters.NONE : filters;
    configureScan(Integer.toString(efSearch));
    List<RankedHit> rows =
        knn(
            workspaceId,
            new PGvector(query),
            k,
            f.sourceIds().toArray(UUID[]::new),
            f.kinds().toArray(String[]::new),
            f.createdAfter(),
            f.createdBefore());
    List<RankedHit> ranked = new ArrayList<>(rows.size());
    for (RankedHit h : rows) {
      ranked.add(new RankedHit(h.chunkId(), h.score(), ranked.size() + 1));
    }
    return ranked;
  }

  /**
   * Transaction-local: {@code SET LOCAL} takes no parameters, {@code set_config(..., true)} does.
   */
  @SqlQuery(
      """
      SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true),
             set_config('hnsw.ef_search', :efSearch, true)
      """)
  List<String> configureScan(@Bind("efSearch") String efSearch);

  /**
   * relaxed_order may hand rows back slightly out of order, so the materialized inner scan is
   * re-sorted by exact distance (then id) outside.
   */
  @SqlQuery(
      """
      WITH nearest AS MATERIALIZED (
        SELECT c.id, c.embedding <=> :q AS distance
        FROM chunks c JOIN sources s ON s.id = c.source_id
        WHERE c.workspace_id = :workspaceId
          AND c.embedding IS NOT NULL
          AND (cardinality(:sourceIds) = 0 OR c.source_id = ANY(:sourceIds))
          AND (cardinality(:kinds) = 0 OR s.kind = ANY(:kinds))
          AND (CAST(:after AS timestamptz) IS NULL OR s.created_at >= :after)
          AND (CAST(:before AS timestamptz) IS NULL OR s.created_at < :before)
        ORDER BY c.embedding <=> :q
        LIMIT :k
      )
      SELECT id, 1 - distance AS similarity FROM nearest ORDER BY distance, id
      """)
  List<RankedHit> knn(
      @Bind("workspaceId") UUID workspaceId,
      @Bind("q") PGvector query,
      @Bind("k") int k,
      @Bind("sourceIds") UUID[] sourceIds,
      @Bind("kinds") String[] kinds,
      @Bind("after") Instant createdAfter,
      @Bind("before") Instant createdBefore);

  /** Rank is assigned by {@link #nearest}. */
  class HitMapper implements org.jdbi.v3.core.mapper.RowMapper<RankedHit> {
    @Override
    public RankedHit map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new RankedHit(rs.getObject("id", UUID.class), rs.getDouble("similarity"), 0);
    }
  }
}
