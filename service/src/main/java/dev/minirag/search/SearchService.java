package dev.minirag.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.minirag.common.ApiException;
import dev.minirag.embedding.Embedder;
import dev.minirag.tracing.TracedSpan;
import dev.minirag.tracing.Tracing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hybrid retrieval: BM25 from this node's Lucene index and cosine kNN from pgvector run
 * concurrently, are fused, and the top k are loaded with their sources in one query. Without an
 * embedder, or when it fails or is too slow, BM25 answers alone and the result says so.
 */
public final class SearchService {

  private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

  public static final int MAX_K = 100;
  public static final int MAX_CANDIDATES = 1000;
  public static final int DEFAULT_K = 10;

  private final LuceneIndex index;
  private final VectorSearchDao vectors;
  private final SearchHitsDao rows;
  private final Embedder embedder;
  private final ExecutorService executor;
  private final SearchConfig config;
  private final SearchMetrics metrics;
  private final Tracing tracing;

  /**
   * Each workspace's chunk count, for the ef_search and scan rules: a workspace grows by a few
   * percent a minute at most, so a count up to 30 s old picks the same values without a database
   * round trip on every search.
   */
  private final Cache<UUID, Long> workspaceChunks =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(30)).maximumSize(10_000).build();

  /**
   * @param embedder null when no embedding model is available: every search is then BM25-only
   * @param executor runs the vector leg while the caller runs BM25 (a Dropwizard-managed pool); a
   *     leg that times out is cancelled with an interrupt
   * @param tracing a {@code search} span with a child per leg ({@code search.bm25}, {@code
   *     search.vector}, {@code search.fusion}); the vector leg's thread continues the trace
   */
  public SearchService(
      LuceneIndex index,
      VectorSearchDao vectors,
      SearchHitsDao rows,
      Embedder embedder,
      ExecutorService executor,
      SearchConfig config,
      SearchMetrics metrics,
      Tracing tracing) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.tracing = Objects.requireNonNull(tracing, "tracing");
    this.index = Objects.requireNonNull(index, "index");
    this.vectors = Objects.requireNonNull(vectors, "vectors");
    this.rows = Objects.requireNonNull(rows, "rows");
    this.embedder = embedder;
    this.executor = Objects.requireNonNull(executor, "executor");
    this.config = Objects.requireNonNull(config, "config");
  }

  private record Plan(
      String query,
      String keywords,
      int k,
      SearchMode mode,
      FusionMethod fusion,
      double denseWeight,
      SearchFilters filters,
      int candidates) {}

  private record DenseLeg(List<RankedHit> hits, long embedNanos, long searchNanos) {}

  /**
   * @throws ApiException 422 listing every invalid field
   */
  public SearchResult search(UUID workspaceId, SearchRequest request) {
    Objects.requireNonNull(workspaceId, "workspaceId");
    try (TracedSpan span = tracing.span("search")) {
      try {
        SearchResult result = search(workspaceId, request, span);
        span.set("minirag.search.mode", result.mode().wire())
            .set("minirag.search.hits", result.hits().size());
        if (result.degraded() != null) {
          span.set("minirag.search.degraded", result.degraded());
        }
        return result;
      } catch (RuntimeException e) {
        if (!(e instanceof ApiException refused && refused.status() < 500)) {
          span.fail(e);
        }
        throw e;
      }
    }
  }

  private SearchResult search(UUID workspaceId, SearchRequest request, TracedSpan span) {
    long start = System.nanoTime();
    Plan plan = validate(request);
    span.set("minirag.search.k", plan.k()).set("minirag.search.candidates", plan.candidates());

    boolean wantsDense = plan.mode() != SearchMode.BM25;
    boolean wantsBm25 = plan.mode() != SearchMode.DENSE;
    String degraded = null;
    Future<DenseLeg> denseFuture = null;
    if (wantsDense && embedder == null) {
      degraded =
          "vector search is unavailable (no embedding model configured); answered with BM25 only";
    } else if (wantsDense) {
      try {
        denseFuture = executor.submit(tracing.propagate(() -> dense(workspaceId, plan)));
      } catch (RejectedExecutionException e) {
        LOG.warn("Vector leg rejected by its executor; answering with BM25 only", e);
        degraded = "vector search is unavailable (too busy); answered with BM25 only";
      }
    }

    List<RankedHit> bm25 = List.of();
    long bm25Nanos = 0;
    boolean bm25Failed = false;
    if (wantsBm25 || degraded != null) {
      long t = System.nanoTime();
      try {
        bm25 = bm25(workspaceId, plan);
      } catch (RuntimeException e) {
        if (denseFuture == null) {
          throw keywordSearchUnavailable(e);
        }
        // This node's index is being rebuilt or cannot be read: the vector leg still answers.
        LOG.warn(
            "BM25 leg failed for workspace {}; answering with vector search only", workspaceId, e);
        degraded = "keyword search is unavailable on this node; answered with vector search only";
        bm25Failed = true;
      }
      bm25Nanos = System.nanoTime() - t;
    }

    DenseLeg dense = null;
    if (denseFuture != null) {
      try {
        dense = awaitDense(denseFuture, start);
      } catch (DenseLegFailure e) {
        LOG.warn(
            "Vector leg failed for workspace {}; answering with BM25 only",
            workspaceId,
            e.getCause());
        if (bm25Failed) {
          throw keywordSearchUnavailable(e);
        }
        degraded = "vector search is unavailable (" + e.reason + "); answered with BM25 only";
        if (!wantsBm25) {
          long t = System.nanoTime();
          bm25 = bm25(workspaceId, plan);
          bm25Nanos = System.nanoTime() - t;
        }
      }
    }

    long fuseStart = System.nanoTime();
    SearchMode mode;
    FusionMethod fusion = null;
    List<Fusion.Fused> fused;
    if (dense == null) {
      mode = SearchMode.BM25;
      fused = bm25.stream().map(h -> new Fusion.Fused(h.chunkId(), h.score(), h, null)).toList();
    } else if (!wantsBm25 || bm25Failed) {
      mode = SearchMode.DENSE;
      fused =
          dense.hits().stream()
              .map(h -> new Fusion.Fused(h.chunkId(), h.score(), null, h))
              .toList();
    } else {
      mode = SearchMode.HYBRID;
      fusion = plan.fusion();
      fused = fuse(fusion, bm25, dense.hits(), plan.denseWeight());
    }
    List<Fusion.Fused> top = fused.size() > plan.k() ? fused.subList(0, plan.k()) : fused;
    long fuseNanos = System.nanoTime() - fuseStart;

    long loadStart = System.nanoTime();
    List<SearchResult.Hit> hits = load(workspaceId, top);
    long loadNanos = System.nanoTime() - loadStart;

    SearchResult.Timings timings =
        new SearchResult.Timings(
            ms(bm25Nanos),
            dense == null ? 0 : ms(dense.embedNanos()),
            dense == null ? 0 : ms(dense.searchNanos()),
            ms(fuseNanos),
            ms(loadNanos),
            ms(System.nanoTime() - start));
    SearchResult result =
        new SearchResult(plan.query(), mode, fusion, plan.k(), hits, timings, degraded);
    metrics.record(result);
    return result;
  }

  /**
   * The index is being rebuilt or cannot be read (health says which): a 503 the caller may retry,
   * not a 500. A failure that is not the index's own is rethrown as it is.
   */
  private RuntimeException keywordSearchUnavailable(Throwable e) {
    if (index.problem().isEmpty() && index.isOpen()) {
      return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    LOG.warn("BM25 search failed while this node's index is unavailable", e);
    return ApiException.unavailable(
        "Keyword search is unavailable on this node while its index is rebuilt; retry shortly", 5);
  }

  private List<RankedHit> bm25(UUID workspaceId, Plan plan) {
    try (TracedSpan span = tracing.span("search.bm25")) {
      try {
        List<RankedHit> hits =
            index.search(workspaceId, plan.keywords(), plan.candidates(), plan.filters());
        span.set("minirag.search.hits", hits.size());
        return hits;
      } catch (IOException e) {
        span.fail(e);
        throw new UncheckedIOException("BM25 search failed", e);
      } catch (RuntimeException e) {
        span.fail(e);
        throw e;
      }
    }
  }

  private List<Fusion.Fused> fuse(
      FusionMethod fusion, List<RankedHit> bm25, List<RankedHit> dense, double denseWeight) {
    try (TracedSpan span = tracing.span("search.fusion")) {
      span.set("minirag.search.fusion", fusion.wire());
      return switch (fusion) {
        case RRF -> Fusion.rrf(bm25, dense);
        case CONVEX -> Fusion.convex(bm25, dense, denseWeight);
      };
    }
  }

  private DenseLeg dense(UUID workspaceId, Plan plan) {
    long t0 = System.nanoTime();
    float[] q = embedder.embedQuery(plan.query());
    long t1 = System.nanoTime();
    List<RankedHit> hits;
    try (TracedSpan span = tracing.span("search.vector")) {
      try {
        long chunks = chunksForRules(workspaceId);
        hits =
            vectors.nearest(
                workspaceId,
                q,
                plan.candidates(),
                plan.filters(),
                config.efSearchFor(chunks),
                config.getVectorStorage(),
                config.scanRowsFor(chunks, plan.candidates()));
        span.set("minirag.search.hits", hits.size());
      } catch (RuntimeException e) {
        span.fail(e);
        throw e;
      }
    }
    return new DenseLeg(hits, t1 - t0, System.nanoTime() - t1);
  }

  /**
   * The workspace's chunk count when a rule grows ef_search or the scan with it, else 0 (no
   * lookup).
   */
  private long chunksForRules(UUID workspaceId) {
    if (config.getEfSearchPerMillionChunks() == 0 && config.getScanRowsPerMillionChunks() == 0) {
      return 0;
    }
    return workspaceChunks.get(workspaceId, id -> vectors.workspaceChunks(id).orElse(0L));
  }

  private static final class DenseLegFailure extends Exception {
    private final String reason;

    DenseLegFailure(String reason, Throwable cause) {
      super(reason, cause);
      this.reason = reason;
    }
  }

  private DenseLeg awaitDense(Future<DenseLeg> future, long startNanos) throws DenseLegFailure {
    long left =
        TimeUnit.MILLISECONDS.toNanos(config.getDenseTimeoutMillis())
            - (System.nanoTime() - startNanos);
    try {
      return future.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new DenseLegFailure("timed out after " + config.getDenseTimeoutMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw new DenseLegFailure("the embedding model or vector query failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new DenseLegFailure("interrupted", e);
    }
  }

  private List<SearchResult.Hit> load(UUID workspaceId, List<Fusion.Fused> top) {
    if (top.isEmpty()) {
      return List.of();
    }
    Map<UUID, ChunkRow> byId = new HashMap<>();
    for (ChunkRow row :
        rows.load(workspaceId, top.stream().map(Fusion.Fused::chunkId).toArray(UUID[]::new))) {
      byId.put(row.id(), row);
    }
    List<SearchResult.Hit> hits = new ArrayList<>(top.size());
    for (Fusion.Fused f : top) {
      ChunkRow row = byId.get(f.chunkId());
      if (row == null) {
        continue; // deleted between ranking and loading
      }
      RankedHit b = f.bm25();
      RankedHit d = f.dense();
      hits.add(
          new SearchResult.Hit(
              row.id(),
              row.sourceId(),
              row.sourceTitle(),
              row.sourceUri(),
              row.sourceKind(),
              row.sourceFileName(),
              row.ordinal(),
              row.text(),
              row.metadata(),
              f.score(),
              b == null ? null : b.rank(),
              b == null ? null : b.score(),
              d == null ? null : d.rank(),
              d == null ? null : d.score()));
    }
    return hits;
  }

  private Plan validate(SearchRequest r) {
    if (r == null) {
      throw ApiException.badRequest("a search request body is required");
    }
    Map<String, String> problems = new LinkedHashMap<>();
    String query = r.query() == null ? "" : r.query().strip();
    if (query.isEmpty()) {
      problems.put("query", "must not be blank");
    } else if (query.length() > config.getMaxQueryChars()) {
      problems.put("query", "must be at most " + config.getMaxQueryChars() + " characters");
    }
    if (r.keywords() != null && r.keywords().length() > config.getMaxQueryChars()) {
      problems.put("keywords", "must be at most " + config.getMaxQueryChars() + " characters");
    }
    int k = r.k() == null ? DEFAULT_K : r.k();
    if (k < 1 || k > MAX_K) {
      problems.put("k", "must be between 1 and " + MAX_K);
    }
    SearchMode mode =
        r.mode() == null ? config.getMode() : SearchMode.fromWire(asked(r.mode())).orElse(null);
    if (mode == null) {
      problems.put("mode", "must be one of " + String.join(", ", SearchMode.WIRE_NAMES));
    }
    FusionMethod fusion =
        r.fusion() == null
            ? config.getFusion()
            : FusionMethod.fromWire(asked(r.fusion())).orElse(null);
    if (fusion == null) {
      problems.put("fusion", "must be one of " + String.join(", ", FusionMethod.WIRE_NAMES));
    }
    double w = r.denseWeight() == null ? config.getDenseWeight() : r.denseWeight();
    if (!(w >= 0 && w <= 1)) {
      problems.put("denseWeight", "must be between 0 and 1");
    }
    int candidates = r.candidates() == null ? Math.max(config.getCandidates(), k) : r.candidates();
    if (candidates < k || candidates > MAX_CANDIDATES) {
      problems.put("candidates", "must be between k and " + MAX_CANDIDATES);
    }
    SearchFilters filters = r.filters() == null ? SearchFilters.NONE : r.filters();
    if (filters.createdAfter() != null
        && filters.createdBefore() != null
        && !filters.createdAfter().isBefore(filters.createdBefore())) {
      problems.put("filters.createdBefore", "must be after createdAfter");
    }
    if (!problems.isEmpty()) {
      List<Map<String, String>> details =
          problems.entrySet().stream()
              .map(e -> Map.of("field", e.getKey(), "message", e.getValue()))
              .toList();
      throw new ApiException(422, "Request is invalid", details);
    }
    // Keywords come from the service's own callers (derived from the query), not from a request.
    String keywords = r.keywords() == null || r.keywords().isBlank() ? query : r.keywords().strip();
    return new Plan(query, keywords, k, mode, fusion, w, filters, candidates);
  }

  /** A wire name as a caller may send it: in any case, with blanks around. */
  private static String asked(String name) {
    return name.strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
