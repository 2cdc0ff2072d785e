package dev.minirag.search;

import com.pgvector.PGvector;
import dev.minirag.documents.SourceKind;
import dev.minirag.embedding.PgVectorArgumentFactory;
import dev.minirag.embedding.VectorStorage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterArgumentFactory;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Cosine nearest neighbours among one workspace's embedded chunks, through the HNSW index with
 * pgvector 0.8's iterative scan (so filters still fill {@code k} results).
 */
@RegisterArgumentFactory(PgVectorArgumentFactory.class)
@RegisterRowMapper(VectorSearchDao.HitMapper.class)
public interface VectorSearchDao extends SqlObject {

  /** pgvector's bounds for {@code hnsw.ef_search}. */
  int MIN_EF_SEARCH = 1;

  int MAX_EF_SEARCH = 1000;

  /** The longest walk a scan may take (see {@link SearchConfig#scanRowsFor}). */
  int MAX_SCAN_ROWS = 10_000;

  /**
   * Up to {@code k} chunks nearest to {@code query}, best first (ties by chunk id), scored by
   * cosine similarity. {@code efSearch} is HNSW's candidate list size: larger finds more true
   * neighbours.
   */
  default List<RankedHit> nearest(
      UUID workspaceId, float[] query, int k, SearchFilters filters, int efSearch) {
    return nearest(workspaceId, query, k, filters, efSearch, VectorStorage.VECTOR);
  }

  /**
   * As above, through the index of {@code storage} (the node's {@code SEARCH_VECTOR_STORAGE}, which
   * the startup switch made the index use).
   */
  default List<RankedHit> nearest(
      UUID workspaceId,
      float[] query,
      int k,
      SearchFilters filters,
      int efSearch,
      VectorStorage storage) {
    return nearest(workspaceId, query, k, filters, efSearch, storage, k);
  }

  /**
   * As above, the index scan walking on to {@code scanRows} rows (at least {@code k}) before the
   * best {@code k} of them by exact distance are kept. Past ef_search the iterative scan goes on
   * through the graph from where its candidate list ended, so a longer walk finds true neighbours
   * that a candidate list of at most 1000 misses (docs/benchmarks.md, "Walking on").
   */
  default List<RankedHit> nearest(
      UUID workspaceId,
      float[] query,
      int k,
      SearchFilters filters,
      int efSearch,
      VectorStorage storage,
      int scanRows) {
    SearchFilters f = filters == null ? SearchFilters.NONE : filters;
    int scan = Math.max(k, scanRows);
    // A transaction for SET LOCAL, begun without an isolation level: JDBI's @Transaction asks the
    // connection for its level before and after (four round trips a search, even setting none).
    List<RankedHit> rows =
        getHandle()
            .inTransaction(
                h -> {
                  configureScan(efSearch, scan);
                  return storage == VectorStorage.HALFVEC
                      ? knnHalfvec(workspaceId, new PGvector(query), k, scan, f, query.length)
                      : knn(
                          workspaceId,
                          new PGvector(query),
                          k,
                          scan,
                          f.sourceIds().toArray(UUID[]::new),
                          kindNames(f),
                          f.createdAfter(),
                          f.createdBefore());
                });
    List<RankedHit> ranked = new ArrayList<>(rows.size());
    for (RankedHit h : rows) {
      ranked.add(new RankedHit(h.chunkId(), h.score(), ranked.size() + 1));
    }
    return ranked;
  }

  /**
   * Makes the current transaction read-only and gives it the scan's settings, for it alone, so a
   * pooled connection hands none of them to its next user. Must come first in its transaction.
   */
  default void configureScan(int efSearch) {
    configureScan(efSearch, efSearch);
  }

  /** As above, for a scan of up to {@code scanRows} rows. */
  default void configureScan(int efSearch, int scanRows) {
    getHandle().execute(scanSettings(efSearch, scanRows));
  }

  /**
   * {@code SET LOCAL} takes no bind parameters, so ef_search is formatted into the statement: an
   * {@code int} checked against pgvector's range, never text from a caller.
   */
  static String scanSettings(int efSearch) {
    return scanSettings(efSearch, efSearch);
  }

  /**
   * As above, checking the walk's length too: at most {@value #MAX_SCAN_ROWS} rows. pgvector's own
   * bounds ({@code hnsw.max_scan_tuples}, 20,000 tuples visited, and {@code work_mem} × {@code
   * hnsw.scan_mem_multiplier}) stay at their defaults: when one is reached the scan stops walking
   * and returns the candidates it already holds, so a long walk may end early, never run on.
   */
  static String scanSettings(int efSearch, int scanRows) {
    if (scanRows < 1 || scanRows > MAX_SCAN_ROWS) {
      throw new IllegalArgumentException(
          "scan rows must be between 1 and " + MAX_SCAN_ROWS + ", not " + scanRows);
    }
    return efSearchSettings(efSearch);
  }

  private static String efSearchSettings(int efSearch) {
    if (efSearch < MIN_EF_SEARCH || efSearch > MAX_EF_SEARCH) {
      throw new IllegalArgumentException(
          "ef_search must be between "
              + MIN_EF_SEARCH
              + " and "
              + MAX_EF_SEARCH
              + ", not "
              + efSearch);
    }
    return "SET TRANSACTION READ ONLY; SET LOCAL hnsw.iterative_scan = relaxed_order;"
        + " SET LOCAL hnsw.ef_search = "
        + efSearch;
  }

  /**
   * relaxed_order may hand rows back slightly out of order, so the materialized inner scan is
   * re-sorted by exact distance (then id) outside.
   */
  String KNN_SQL =
      """
      WITH nearest AS MATERIALIZED (
        SELECT c.id, c.embedding <=> :q AS distance
        FROM chunks c JOIN sources s ON s.workspace_id = c.workspace_id AND s.id = c.source_id
        WHERE c.workspace_id = :workspaceId
          AND c.embedding IS NOT NULL
          AND (cardinality(:sourceIds) = 0 OR c.source_id = ANY(:sourceIds))
          AND (cardinality(:kinds) = 0 OR s.kind = ANY(:kinds))
          AND (CAST(:after AS timestamptz) IS NULL OR s.created_at >= :after)
          AND (CAST(:before AS timestamptz) IS NULL OR s.created_at < :before)
        ORDER BY c.embedding <=> :q
        LIMIT :scan
      )
      SELECT id, 1 - distance AS similarity FROM nearest ORDER BY distance, id LIMIT :k
      """;

  /** The distance {@link #KNN_SQL} orders by, over the {@code vector} index. */
  String VECTOR_DISTANCE = "c.embedding <=> :q";

  @SqlQuery(KNN_SQL)
  List<RankedHit> knn(
      @Bind("workspaceId") UUID workspaceId,
      @Bind("q") PGvector query,
      @Bind("k") int k,
      @Bind("scan") int scan,
      @Bind("sourceIds") UUID[] sourceIds,
      @Bind("kinds") String[] kinds,
      @Bind("after") Instant createdAfter,
      @Bind("before") Instant createdBefore);

  /**
   * {@link #KNN_SQL} ordered by {@code embedding::halfvec(dim) <=> q::halfvec(dim)}: the expression
   * of the halfvec index, typmod included, or the planner would not match it. The dimension is the
   * query vector's length, an {@code int} (the column's, or PostgreSQL refuses the cast), formatted
   * in because a type modifier cannot be a bound parameter.
   */
  default List<RankedHit> knnHalfvec(
      UUID workspaceId, PGvector query, int k, int scan, SearchFilters f, int dimension) {
    return bindKnn(
            getHandle().createQuery(knnSql(VectorStorage.HALFVEC, dimension)),
            workspaceId,
            query,
            k,
            scan,
            f)
        .map(new HitMapper())
        .list();
  }

  /** {@link #KNN_SQL} as the index of {@code storage} is searched. */
  static String knnSql(VectorStorage storage, int dimension) {
    return storage == VectorStorage.HALFVEC
        ? KNN_SQL.replace(VECTOR_DISTANCE, halfvecDistance(dimension))
        : KNN_SQL;
  }

  /**
   * Binds {@link #KNN_SQL}'s parameters to a statement built from it (the kNN itself, or an {@code
   * EXPLAIN} of it), the query vector in binary.
   */
  static Query bindKnn(
      Query q, UUID workspaceId, PGvector query, int k, int scan, SearchFilters f) {
    return q.registerArgument(new PgVectorArgumentFactory())
        .bind("workspaceId", workspaceId)
        .bind("q", query)
        .bind("k", k)
        .bind("scan", Math.max(k, scan))
        .bind("sourceIds", f.sourceIds().toArray(UUID[]::new))
        .bind("kinds", kindNames(f))
        .bindByType("after", f.createdAfter(), Instant.class)
        .bindByType("before", f.createdBefore(), Instant.class);
  }

  /**
   * The kinds filtered on as the column holds them. JDBI binds an array through its element type's
   * array type, which the WireName argument factory does not take part in, so the names are given.
   */
  static String[] kindNames(SearchFilters f) {
    return f.kinds().stream().map(SourceKind::wire).toArray(String[]::new);
  }

  static String halfvecDistance(int dimension) {
    if (dimension < 1 || dimension > 16_000) {
      throw new IllegalArgumentException("bad vector dimension " + dimension);
    }
    String type = "halfvec(" + dimension + ")";
    return "CAST(c.embedding AS " + type + ") <=> CAST(:q AS " + type + ")";
  }

  /**
   * The workspace's chunk count, for the ef_search rule: the quota tally's row (kept by triggers),
   * a primary-key read where {@code count(*)} would scan a million rows.
   */
  @SqlQuery("SELECT chunks FROM workspace_usage WHERE workspace_id = :workspaceId")
  java.util.Optional<Long> workspaceChunks(@Bind("workspaceId") UUID workspaceId);

  /** Rank is assigned by {@link #nearest}. */
  class HitMapper implements org.jdbi.v3.core.mapper.RowMapper<RankedHit> {
    @Override
    public RankedHit map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new RankedHit(rs.getObject("id", UUID.class), rs.getDouble("similarity"), 0);
    }
  }
}
