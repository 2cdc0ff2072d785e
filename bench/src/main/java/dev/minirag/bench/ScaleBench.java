package dev.minirag.bench;

import com.pgvector.PGvector;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.embedding.HnswIndex;
import dev.minirag.embedding.VectorStorage;
import dev.minirag.eval.Machine;
import dev.minirag.search.RankedHit;
import dev.minirag.search.SearchFilters;
import dev.minirag.search.SearchRequest;
import dev.minirag.search.SearchResult;
import dev.minirag.search.VectorSearchDao;
import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The scale run: a generated corpus of {@code n} chunks (10 per source) in one workspace, loaded
 * with COPY, then the product's own HNSW index built and its own Lucene index caught up; measures
 * build times, /search latency over HTTP and in-process, heap and RSS, table and index sizes, and
 * recall@10 of the HNSW leg against exact search.
 *
 * <p>SYNTHETIC: vectors come from a deterministic clustered generator (not the model) and texts
 * from a Zipf-distributed pseudo-word vocabulary. Queries over HTTP are embedded by the real model,
 * so their dense leg costs what it costs in production but its neighbours carry no meaning. Run it
 * only against a throwaway database: it drops and recreates the chunk vector index to time its
 * build.
 */
final class ScaleBench {

  static final int CHUNKS_PER_SOURCE = 10;
  static final int CLUSTERS = 1000;
  static final int WORDS = 30_000;

  private final Core core;
  private final MiniRagConfiguration config;
  private final int port;
  private final PrintStream out;
  private final int dim;
  private final float[][] centroids;
  private final String[] vocabulary;
  private final double[] zipf;
  private ScifactVectors scifact;

  ScaleBench(Core core, MiniRagConfiguration config, int port, PrintStream out) {
    this.core = core;
    this.config = config;
    this.port = port;
    this.out = out;
    this.dim = core.embedder() == null ? 384 : core.embedder().dimension();
    SplittableRandom r = new SplittableRandom(7);
    centroids = new float[CLUSTERS][];
    for (int i = 0; i < CLUSTERS; i++) {
      centroids[i] = normalize(gaussian(r, dim, 1.0));
    }
    vocabulary = new String[WORDS];
    String[] syl = {
      "ka", "lo", "mi", "ne", "su", "ra", "ti", "po", "de", "gu", "va", "ze", "bo", "chi", "fen",
      "mar"
    };
    for (int i = 0; i < WORDS; i++) {
      StringBuilder w = new StringBuilder();
      int x = i + 17;
      do {
        w.append(syl[x % syl.length]);
        x /= syl.length;
      } while (x > 0);
      vocabulary[i] = w.toString();
    }
    zipf = new double[WORDS];
    double sum = 0;
    for (int i = 0; i < WORDS; i++) {
      sum += 1.0 / (i + 1);
      zipf[i] = sum;
    }
    for (int i = 0; i < WORDS; i++) {
      zipf[i] /= sum;
    }
  }

  /**
   * @param efSearches recall and /search latency are measured at each
   * @param storages the HNSW index is built with each in turn, over the same rows
   * @param scifact real embeddings, or null for the synthetic generator
   */
  /**
   * HNSW build parameters for the indexes this run builds, instead of the configured ones (null
   * keeps the configured value).
   */
  ScaleBench hnswBuild(Integer m, Integer efConstruction) {
    this.hnswM = m;
    this.hnswEfConstruction = efConstruction;
    return this;
  }

  /**
   * After the HNSW indexes, an IVFFlat index of {@code lists} lists over the same rows (full
   * precision), its recall measured at each number of probed lists; null measures none. An
   * experiment beside the product's HNSW: the service builds only HNSW.
   */
  ScaleBench ivfflat(Integer lists, List<Integer> probes) {
    this.ivfflatLists = lists;
    this.ivfflatProbes = probes;
    return this;
  }

  /**
   * The rows the HNSW recall's index scan walks to at each ef_search (the product's scan rows), the
   * best 10 of them scored; the configured rule's value for this size is measured too.
   */
  ScaleBench scanRows(List<Integer> counts) {
    this.scanRows = counts;
    return this;
  }

  /**
   * pgvector's bounds on an iterative walk for the recall connection: {@code hnsw.max_scan_tuples}
   * (20,000 by default) and {@code hnsw.scan_mem_multiplier} (× work_mem, 1 by default); when
   * either is reached the walk stops and returns what it holds. Null keeps pgvector's default.
   */
  ScaleBench walkBounds(Integer maxScanTuples, Integer scanMemMultiplier) {
    this.maxScanTuples = maxScanTuples;
    this.scanMemMultiplier = scanMemMultiplier;
    return this;
  }

  /** Alternating in-process and HTTP rounds a latency row is measured in. */
  private static final int ROUNDS = 4;

  /**
   * At most this many warm-up rounds before each latency row (fewer once the JIT compiler takes
   * under 5 % of a round's CPU, which later rows reach sooner).
   */
  ScaleBench warmUpRounds(int rounds) {
    this.warmUpRounds = rounds;
    return this;
  }

  private int warmUpRounds = 12;
  private List<Integer> scanRows = List.of(10);
  private Integer maxScanTuples;
  private Integer scanMemMultiplier;
  private Integer hnswM;
  private Integer hnswEfConstruction;
  private Integer ivfflatLists;
  private List<Integer> ivfflatProbes = List.of();

  private HnswIndex index(VectorStorage storage) {
    HnswIndex configured = config.getSearch().getHnswIndex();
    return new HnswIndex(
        storage,
        hnswM != null ? hnswM : configured.m(),
        hnswEfConstruction != null ? hnswEfConstruction : configured.efConstruction());
  }

  Map<String, Object> run(
      int n,
      int queryCount,
      int requests,
      List<Integer> efSearches,
      List<VectorStorage> storages,
      ScifactVectors scifact,
      boolean searchLatency)
      throws Exception {
    this.scifact = scifact;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "label",
        scifact == null
            ? "SYNTHETIC corpus: clustered deterministic vectors ("
                + CLUSTERS
                + " clusters, dim "
                + dim
                + "), Zipf pseudo-word texts; HTTP queries embedded by the real model"
            : "REAL embeddings: "
                + scifact.documents()
                + " SciFact abstracts embedded by "
                + core.embedder().model()
                + ", replicated to "
                + n
                + " chunks with perturbations of norm "
                + ScifactVectors.NOISE
                + " (normalized again); queries: SciFact test queries through the same model");
    m.put("chunks", n);
    UUID ws = core.workspaces().createTemporary("bench scale " + Instant.now());
    m.put("workspace", ws.toString());
    m.put("loadAverageBefore", Machine.loadAverage());
    DataSourceFactory db = config.getDatabase();
    VectorStorage configured = config.getSearch().getVectorStorage();
    int configuredEf = config.getSearch().getEfSearch();
    int configuredPerMillion = config.getSearch().getEfSearchPerMillionChunks();
    // What the configured rule picks for this workspace, measured beside the fixed values.
    int ruleEf = config.getSearch().efSearchFor(n);
    m.put("ruleEfSearch", ruleEf);
    m.put("maxScanTuples", maxScanTuples == null ? "pgvector's default" : maxScanTuples);
    m.put(
        "scanMemMultiplier", scanMemMultiplier == null ? "pgvector's default" : scanMemMultiplier);
    int configuredScanPerMillion = config.getSearch().getScanRowsPerMillionChunks();
    int ruleScanRows = config.getSearch().scanRowsFor(n, 10);
    m.put("ruleScanRows", ruleScanRows);
    if (!scanRows.contains(ruleScanRows)) {
      scanRows = new ArrayList<>(scanRows);
      scanRows.add(ruleScanRows);
    }
    List<Integer> efs = new ArrayList<>(efSearches);
    if (!efs.contains(ruleEf)) {
      efs.add(ruleEf);
    }
    try (Connection c = DriverManager.getConnection(db.getUrl(), db.getUser(), db.getPassword())) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("DROP INDEX IF EXISTS " + VectorStorage.INDEX);
      }
      c.commit();
      long t0 = System.nanoTime();
      load(c, ws, n);
      c.commit();
      double loadS = secs(t0);
      out.printf(Locale.ROOT, "  scale: loaded %d chunks by COPY in %.1f s%n", n, loadS);
      long t1 = System.nanoTime();
      if (searchLatency) {
        core.index().catchUp();
      }
      double luceneS = secs(t1);
      out.printf(
          Locale.ROOT,
          "  scale: Lucene caught up in %.1f s (%d docs)%n",
          luceneS,
          core.index().numDocs());
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE chunks");
        s.execute("ANALYZE sources");
      }
      Map<String, Object> build = new LinkedHashMap<>();
      build.put("copySeconds", round(loadS));
      build.put("luceneCatchUpSeconds", round(luceneS));
      m.put("build", build);
      List<float[]> queries = recallQueries(queryCount);
      long te = System.nanoTime();
      List<Truth> exact = exact(c, ws, queries);
      double exactMs = (System.nanoTime() - te) / 1e6 / queries.size();
      out.printf(
          Locale.ROOT,
          "  scale: exact top 10 of %d queries, %.1f ms each (sequential scan)%n",
          queries.size(),
          exactMs);
      m.put("exactMeanMs", round(exactMs));
      Map<String, Object> byStorage = new LinkedHashMap<>();
      try {
        for (VectorStorage storage : storages) {
          Map<String, Object> sm = new LinkedHashMap<>();
          sm.put("loadAverageBefore", Machine.loadAverage());
          try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX IF EXISTS " + VectorStorage.INDEX);
            s.execute("SET maintenance_work_mem = '" + (n > 300_000 ? "3GB" : "1GB") + "'");
            long t2 = System.nanoTime();
            // The definition the startup switch (VectorIndexDao) creates.
            HnswIndex index = index(storage);
            s.execute(index.createIndex(VectorStorage.INDEX, dim));
            sm.put("hnswBuildSeconds", round(secs(t2)));
            sm.put("hnswBuild", index.describe());
            s.execute("ANALYZE chunks");
          }
          out.printf(
              Locale.ROOT,
              "  scale: %s HNSW index built in %.1f s%n",
              storage.wire(),
              sm.get("hnswBuildSeconds"));
          sm.put("sizes", sizes(c));
          sm.put("hnswRecallAt10", recall(ws, queries, exact, efs, "efSearch", storage));
          sm.put("loadAverageAfterRecall", Machine.loadAverage());
          if (!searchLatency) {
            sm.put("search", "not measured (--scale-skip-search)");
            byStorage.put(storage.wire(), sm);
            continue;
          }
          config.getSearch().setVectorStorage(storage);
          Map<String, Object> lat = new LinkedHashMap<>();
          // Fixed values: the rule off. Then the rule as configured, through the whole product.
          config.getSearch().setEfSearchPerMillionChunks(0);
          config.getSearch().setScanRowsPerMillionChunks(0);
          for (int ef : efSearches) {
            config.getSearch().setEfSearch(ef);
            lat.put("ef" + ef, latency(ws, requests, storage, ef));
          }
          config.getSearch().setEfSearch(configuredEf);
          config.getSearch().setEfSearchPerMillionChunks(configuredPerMillion);
          config.getSearch().setScanRowsPerMillionChunks(configuredScanPerMillion);
          lat.put("rule", latency(ws, requests, storage, ruleEf));
          sm.put("search", lat);
          sm.put("loadAverageAfter", Machine.loadAverage());
          byStorage.put(storage.wire(), sm);
        }
      } finally {
        config.getSearch().setVectorStorage(configured);
        config.getSearch().setEfSearch(configuredEf);
        config.getSearch().setEfSearchPerMillionChunks(configuredPerMillion);
        config.getSearch().setScanRowsPerMillionChunks(configuredScanPerMillion);
      }
      m.put("storages", byStorage);
      if (ivfflatLists != null) {
        m.put("ivfflat", ivfflat(c, ws, queries, exact));
      }
    }
    System.gc();
    Runtime rt = Runtime.getRuntime();
    Map<String, Object> mem = new LinkedHashMap<>();
    mem.put("heapUsedAfterGcMiB", (rt.totalMemory() - rt.freeMemory()) >> 20);
    mem.put("heapMaxMiB", rt.maxMemory() >> 20);
    mem.put("rssMiB", Machine.rssMiB());
    m.put("memory", mem);
    m.put("loadAverageAfter", Machine.loadAverage());
    out.printf(
        Locale.ROOT,
        "  scale: heap %s MiB used of %s MiB, RSS %s MiB%n",
        mem.get("heapUsedAfterGcMiB"),
        mem.get("heapMaxMiB"),
        mem.get("rssMiB"));
    m.put(
        "note",
        "workspace left in place; bench/bench.sh drops the whole database afterwards. The last"
            + " storage's index stays; a node started on this database would switch it to its"
            + " setting");
    return m;
  }

  private void load(Connection c, UUID ws, int n) throws Exception {
    PGConnection pg = c.unwrap(PGConnection.class);
    int sources = (n + CHUNKS_PER_SOURCE - 1) / CHUNKS_PER_SOURCE;
    UUID[] ids = new UUID[sources];
    CopyIn copy =
        pg.getCopyAPI()
            .copyIn(
                "COPY sources (id, workspace_id, kind, title, content_hash, status, chunk_count, embedded_count) FROM STDIN");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < sources; i++) {
      ids[i] = new UUID(0x5ca1e00000000000L | i, ws.getLeastSignificantBits() ^ i);
      int chunks = Math.min(CHUNKS_PER_SOURCE, n - i * CHUNKS_PER_SOURCE);
      sb.append(ids[i])
          .append('\t')
          .append(ws)
          .append("\ttext\tgenerated source ")
          .append(i)
          .append('\t')
          .append("synthetic-")
          .append(i)
          .append("\tready\t")
          .append(chunks)
          .append('\t')
          .append(chunks)
          .append('\n');
      flushIfLarge(copy, sb);
    }
    flush(copy, sb);
    copy.endCopy();
    copy =
        pg.getCopyAPI()
            .copyIn("COPY chunks (source_id, workspace_id, ordinal, text, embedding) FROM STDIN");
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < n; i++) {
      sb.append(ids[i / CHUNKS_PER_SOURCE])
          .append('\t')
          .append(ws)
          .append('\t')
          .append(i % CHUNKS_PER_SOURCE)
          .append('\t');
      if (scifact != null) {
        sb.append(scifact.text(i)).append('\t');
        vector(sb, scifact.vector(i));
      } else {
        int cluster = r.nextInt(CLUSTERS);
        text(sb, r, cluster, 60);
        sb.append('\t');
        vector(sb, point(r, cluster));
      }
      sb.append('\n');
      flushIfLarge(copy, sb);
      if ((i + 1) % 100_000 == 0) {
        out.printf(Locale.ROOT, "  scale: %d/%d chunks%n", i + 1, n);
      }
    }
    flush(copy, sb);
    copy.endCopy();
  }

  /** A point of a cluster: its centroid plus Gaussian noise, normalized. */
  float[] point(SplittableRandom r, int cluster) {
    float[] v = gaussian(r, dim, 0.9 / Math.sqrt(dim));
    for (int d = 0; d < dim; d++) {
      v[d] += centroids[cluster][d];
    }
    return normalize(v);
  }

  private void text(StringBuilder sb, SplittableRandom r, int cluster, int words) {
    // Two cluster words tie the text to its vector's cluster, the rest is Zipf background.
    sb.append(vocabulary[1000 + cluster])
        .append(' ')
        .append(vocabulary[1000 + (cluster * 7 + 3) % CLUSTERS]);
    for (int i = 0; i < words; i++) {
      sb.append(' ').append(word(r));
    }
  }

  private String word(SplittableRandom r) {
    int idx = Arrays.binarySearch(zipf, r.nextDouble());
    return vocabulary[Math.min(WORDS - 1, idx < 0 ? -idx - 1 : idx)];
  }

  private static String literal(float[] v) {
    StringBuilder sb = new StringBuilder();
    vector(sb, v);
    return sb.toString();
  }

  private static void vector(StringBuilder sb, float[] v) {
    sb.append('[');
    for (int d = 0; d < v.length; d++) {
      if (d > 0) {
        sb.append(',');
      }
      sb.append(Math.round(v[d] * 100000) / 100000.0f);
    }
    sb.append(']');
  }

  private Map<String, Object> sizes(Connection c) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                """
            SELECT pg_total_relation_size('chunks') >> 20, pg_relation_size('chunks') >> 20,
                   pg_relation_size('chunks_embedding_hnsw_idx') >> 20, pg_total_relation_size('chunk_changes') >> 20,
                   pg_database_size(current_database()) >> 20
            """)) {
      rs.next();
      m.put("chunksTotalMiB", rs.getLong(1));
      m.put("chunksHeapMiB", rs.getLong(2));
      m.put("hnswIndexMiB", rs.getLong(3));
      m.put("chunkChangesMiB", rs.getLong(4));
      m.put("databaseMiB", rs.getLong(5));
    }
    m.put("luceneMiB", dirSize(core.index().path()) >> 20);
    return m;
  }

  /** The vectors recall is measured with: SciFact test queries, or synthetic cluster points. */
  private List<float[]> recallQueries(int count) {
    List<float[]> q = new ArrayList<>();
    if (scifact != null) {
      q.addAll(scifact.queryVectors().subList(0, Math.min(count, scifact.queryVectors().size())));
    } else {
      SplittableRandom r = new SplittableRandom(4242);
      for (int i = 0; i < count; i++) {
        q.add(point(r, r.nextInt(CLUSTERS)));
      }
    }
    return q;
  }

  /**
   * The true top 10 of each query: a sequential scan at full precision (index scans off), computed
   * once and shared by every storage and ef_search.
   */
  private List<Truth> exact(Connection c, UUID ws, List<float[]> queries) throws Exception {
    List<Truth> all = new ArrayList<>();
    c.setAutoCommit(false);
    for (float[] v : queries) {
      Set<UUID> exact = new HashSet<>();
      double tenth = 0;
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL enable_indexscan = off");
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, embedding <=> CAST(? AS vector) AS d FROM chunks WHERE workspace_id = ?"
                  + " ORDER BY d, id LIMIT 10")) {
        ps.setString(1, literal(v));
        ps.setObject(2, ws);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            exact.add((UUID) rs.getObject(1));
            tenth = rs.getDouble(2);
          }
        }
      }
      c.commit();
      all.add(new Truth(exact, tenth));
    }
    c.setAutoCommit(true);
    return all;
  }

  /**
   * A query's exact top 10 and the 10th one's cosine distance. Replicated embeddings put many
   * near-copies at almost the same distance, where which ten are "the" top ten is a matter of
   * noise; so recall is also reported as ANN-Benchmarks' epsilon recall: a result counts when its
   * exact distance is within {@value #EPSILON} (relative) of the 10th exact distance.
   */
  record Truth(Set<UUID> ids, double tenthDistance) {}

  private static final double EPSILON = 0.01;

  /** Full-precision distances of these chunks to the query (the halfvec leg ranks in half). */
  private static Map<UUID, Double> distances(Connection c, UUID ws, float[] query, List<UUID> ids)
      throws SQLException {
    Map<UUID, Double> d = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, embedding <=> CAST(? AS vector) FROM chunks"
                + " WHERE workspace_id = ? AND id = ANY(?)")) {
      ps.setString(1, literal(query));
      ps.setObject(2, ws);
      ps.setArray(3, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          d.put((UUID) rs.getObject(1), rs.getDouble(2));
        }
      }
    }
    return d;
  }

  /**
   * The index through the product's DAO (its iterative scan, this storage's query) versus exact, at
   * each value of {@code knob} (see the method below).
   */
  private List<Map<String, Object>> recall(
      UUID ws,
      List<float[]> queries,
      List<Truth> exact,
      List<Integer> values,
      String knob,
      VectorStorage storage)
      throws SQLException {
    DataSourceFactory db = config.getDatabase();
    Jdbi jdbi =
        Jdbi.create(db.getUrl(), db.getUser(), db.getPassword())
            .installPlugin(new SqlObjectPlugin());
    // One connection for every query, so the mean is the search, not a connection's opening.
    try (Handle h = jdbi.open()) {
      // This measures the graph. With a dense graph (m 32 and up) at ef_search 400 and more, the
      // planner priced the HNSW scan above an exact scan (sequential, then a top-N sort) of this
      // one-workspace table: recall 1.0 at the exact scan's speed, which said nothing about the
      // graph. Sorts priced out, only the index gives the order; the rest of the plan is as chosen.
      // The penalty lifts the plan's cost past PostgreSQL's JIT threshold, and compiling would then
      // add ~200 ms to every statement: JIT off, as it is for the service's cheap kNN plans anyway.
      h.execute("SET enable_sort = off");
      h.execute("SET jit = off");
      // pgvector's own bounds on an iterative walk, when the run sets them (integers).
      if (maxScanTuples != null) {
        h.execute("SET hnsw.max_scan_tuples = " + maxScanTuples);
      }
      if (scanMemMultiplier != null) {
        h.execute("SET hnsw.scan_mem_multiplier = " + scanMemMultiplier);
      }
      return recall(h.attach(VectorSearchDao.class), ws, queries, exact, values, knob, storage);
    }
  }

  /** Builds the IVFFlat index in place of the HNSW one and measures it at each probe count. */
  private Map<String, Object> ivfflat(
      Connection c, UUID ws, List<float[]> queries, List<Truth> exact) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      s.execute("DROP INDEX IF EXISTS " + VectorStorage.INDEX);
      s.execute("SET maintenance_work_mem = '1GB'");
      long t = System.nanoTime();
      // Named as the HNSW index, so plan() sees the scan use it; lists is an integer.
      s.execute(
          "CREATE INDEX "
              + VectorStorage.INDEX
              + " ON chunks USING ivfflat (embedding vector_cosine_ops) WITH (lists = "
              + ivfflatLists
              + ")");
      m.put("buildSeconds", round(secs(t)));
      s.execute("ANALYZE chunks");
    }
    m.put("lists", ivfflatLists);
    out.printf(
        Locale.ROOT,
        "  scale: IVFFlat, %d lists, built in %.1f s%n",
        ivfflatLists,
        m.get("buildSeconds"));
    m.put("sizes", sizes(c));
    m.put("recallAt10", recall(ws, queries, exact, ivfflatProbes, "probes", VectorStorage.VECTOR));
    return m;
  }

  /**
   * Recall at each value of {@code knob}: "efSearch" (HNSW's candidate list) or "probes" (the
   * IVFFlat lists scanned, set on the session; the DAO's own settings are HNSW's and leave it).
   */
  private List<Map<String, Object>> recall(
      VectorSearchDao dao,
      UUID ws,
      List<float[]> queries,
      List<Truth> exact,
      List<Integer> values,
      String knob,
      VectorStorage storage)
      throws SQLException {
    boolean probes = knob.equals("probes");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int value : values) {
      for (int rowsAsked : probes ? List.of(10) : scanRows) {
        rows.add(recallAt(dao, ws, queries, exact, value, knob, rowsAsked, storage));
      }
    }
    return rows;
  }

  private Map<String, Object> recallAt(
      VectorSearchDao dao,
      UUID ws,
      List<float[]> queries,
      List<Truth> exact,
      int value,
      String knob,
      int rowsAsked,
      VectorStorage storage)
      throws SQLException {
    boolean probes = knob.equals("probes");
    if (probes) {
      dao.getHandle().execute("SET ivfflat.probes = " + value);
    }
    int ef = probes ? VectorSearchDao.MIN_EF_SEARCH : value;
    double sum = 0;
    double withinEpsilon = 0;
    long nanos = 0;
    for (int q = 0; q < queries.size(); q++) {
      long t = System.nanoTime();
      List<RankedHit> approx =
          dao.nearest(ws, queries.get(q), 10, SearchFilters.NONE, ef, storage, rowsAsked);
      nanos += System.nanoTime() - t;
      Truth truth = exact.get(q);
      sum += approx.stream().filter(h -> truth.ids().contains(h.chunkId())).count() / 10.0;
      Map<UUID, Double> d =
          distances(
              dao.getHandle().getConnection(),
              ws,
              queries.get(q),
              approx.stream().map(RankedHit::chunkId).toList());
      double bound = truth.tenthDistance() * (1 + EPSILON) + 1e-9;
      withinEpsilon +=
          approx.stream().filter(h -> d.getOrDefault(h.chunkId(), 2.0) <= bound).count() / 10.0;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("queries", queries.size());
    m.put(knob, value);
    if (!probes) {
      m.put("scanRows", rowsAsked);
    }
    m.put("recallAt10", Math.round(sum / queries.size() * 1000) / 1000.0);
    m.put("epsilonRecallAt10", Math.round(withinEpsilon / queries.size() * 1000) / 1000.0);
    m.put(probes ? "indexMeanMs" : "hnswMeanMs", round(nanos / 1e6 / queries.size()));
    String plan = plan(dao.getHandle(), ws, queries.get(0), ef, rowsAsked, storage);
    m.put("plan", probes && plan.equals("hnsw") ? "ivfflat" : plan);
    out.printf(
        Locale.ROOT,
        "  scale: %s %s %d, scan %d rows: recall@10 %.3f vs exact, within 1%% of the 10th distance"
            + " %.3f (%d queries; index %.1f ms mean; plan %s)%n",
        probes ? "ivfflat" : storage.wire(),
        knob,
        value,
        rowsAsked,
        sum / queries.size(),
        withinEpsilon / queries.size(),
        queries.size(),
        nanos / 1e6 / queries.size(),
        m.get("plan"));
    return m;
  }

  /**
   * The scan the planner chose for the DAO's statement at this ef_search: "hnsw" when it walks the
   * vector index, "exact" otherwise, so a row never reports an exact scan as the graph's recall.
   */
  private String plan(
      Handle h, UUID ws, float[] query, int ef, int scanRows, VectorStorage storage) {
    String sql = "EXPLAIN " + VectorSearchDao.knnSql(storage, query.length);
    List<String> lines =
        h.inTransaction(
            t -> {
              t.execute(VectorSearchDao.scanSettings(ef, scanRows));
              return VectorSearchDao.bindKnn(
                      t.createQuery(sql), ws, new PGvector(query), 10, scanRows, SearchFilters.NONE)
                  .mapTo(String.class)
                  .list();
            });
    return lines.stream().anyMatch(l -> l.contains(VectorStorage.INDEX)) ? "hnsw" : "exact";
  }

  /** Search texts for the latency part: SciFact test queries, or pseudo-word queries. */
  private List<String> searchTexts() {
    if (scifact != null) {
      return scifact.queryTexts();
    }
    SplittableRandom r = new SplittableRandom(99);
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int cluster = r.nextInt(CLUSTERS);
      queries.add(
          vocabulary[1000 + cluster]
              + " "
              + word(r)
              + " "
              + word(r)
              + " "
              + vocabulary[3000 + r.nextInt(20_000)]);
    }
    return queries;
  }

  /**
   * /search at concurrency 4, in-process and over HTTP, with the search settings as set now: both
   * legs warmed up until the JIT compiler is nearly done, then {@link #ROUNDS} alternating rounds
   * ({@link HttpOverheadBench}), so neither leg is charged for compiling code a running server has
   * long compiled, nor for the moments of load only it saw. The rows repeat the same query texts,
   * so with the query-embedding cache on, every row after the first skips the model;
   * EMBEDDING_QUERY_CACHE_SIZE=0 makes every request embed its query, as distinct queries would.
   */
  private Map<String, Object> latency(UUID ws, int requests, VectorStorage storage, int ef)
      throws Exception {
    List<String> queries = searchTexts();
    List<SearchResult.Timings> phases = Collections.synchronizedList(new ArrayList<>());
    LoadStats.Call floor =
        i ->
            phases.add(
                core.search()
                    .search(ws, SearchRequest.of(queries.get(i % queries.size()), 10, null))
                    .timings());
    LoadStats.Call viaHttp = OnOffRounds.searches(core, ws, port, queries, 4);
    // BM25 alone, one at a time, with the candidates a search asks each leg for.
    LoadStats.Call bm25 =
        i ->
            core.index()
                .search(
                    ws,
                    queries.get(i % queries.size()),
                    config.getSearch().getCandidates(),
                    SearchFilters.NONE);
    int perRound = Math.max(1, requests / ROUNDS);
    Map<String, Object> c4 =
        HttpOverheadBench.run(floor, viaHttp, 4, ROUNDS, perRound, requests, warmUpRounds, out);
    // The floor's measured calls are its last ones: the warm-up ran before them.
    List<SearchResult.Timings> measured;
    synchronized (phases) {
      measured = List.copyOf(phases.subList(phases.size() - ROUNDS * perRound, phases.size()));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> f = (Map<String, Object>) c4.get("inProcess");
    f.put("meanPhaseMs", meanPhases(measured));
    @SuppressWarnings("unchecked")
    Map<String, Object> h = (Map<String, Object>) c4.get("http");
    LoadStats.run(30, 1, bm25);
    Map<String, Object> b = LoadStats.run(requests, 1, bm25);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("c4", c4);
    m.put("c1", Map.of("bm25InProcess", b));
    m.put("loadAverage", Machine.loadAverage());
    out.printf(
        Locale.ROOT,
        "  scale: %s ef_search %d c=4: in-process p50/p95/p99 %s/%s/%s ms, %s/s | HTTP /search"
            + " %s/%s/%s ms, %s/s | BM25 alone c=1 p50/p99 %s/%s ms; in-process mean legs (ms) %s%n",
        storage.wire(),
        ef,
        f.get("p50Ms"),
        f.get("p95Ms"),
        f.get("p99Ms"),
        f.get("throughputPerSecond"),
        h.get("p50Ms"),
        h.get("p95Ms"),
        h.get("p99Ms"),
        h.get("throughputPerSecond"),
        b.get("p50Ms"),
        b.get("p99Ms"),
        f.get("meanPhaseMs"));
    return m;
  }

  /** Mean wall time of each leg of a search (the legs overlap: BM25 runs beside the vector leg). */
  private static Map<String, Object> meanPhases(List<SearchResult.Timings> phases) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bm25", mean(phases, SearchResult.Timings::bm25Ms));
    m.put("embed", mean(phases, SearchResult.Timings::embedMs));
    m.put("vector", mean(phases, SearchResult.Timings::vectorMs));
    m.put("load", mean(phases, SearchResult.Timings::loadMs));
    m.put("total", mean(phases, SearchResult.Timings::totalMs));
    return m;
  }

  private static double mean(
      List<SearchResult.Timings> phases, ToDoubleFunction<SearchResult.Timings> leg) {
    return round(phases.stream().mapToDouble(leg).average().orElse(0));
  }

  private static void flushIfLarge(CopyIn copy, StringBuilder sb) throws Exception {
    if (sb.length() > 1 << 20) {
      flush(copy, sb);
    }
  }

  private static void flush(CopyIn copy, StringBuilder sb) throws Exception {
    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(b, 0, b.length);
    sb.setLength(0);
  }

  static float[] gaussian(SplittableRandom r, int dim, double sigma) {
    float[] v = new float[dim];
    for (int d = 0; d < dim; d++) {
      // Box-Muller
      double u1 = 1.0 - r.nextDouble();
      double u2 = r.nextDouble();
      v[d] = (float) (sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    return v;
  }

  static float[] normalize(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    double n = Math.sqrt(s);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / n);
    }
    return v;
  }

  private static long dirSize(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static double secs(long start) {
    return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
  }

  private static double round(double d) {
    return Math.round(d * 10) / 10.0;
  }
}
