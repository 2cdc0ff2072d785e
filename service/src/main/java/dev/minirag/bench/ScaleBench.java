package dev.minirag.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.search.RankedHit;
import dev.minirag.search.SearchFilters;
import dev.minirag.search.SearchRequest;
import dev.minirag.search.VectorSearchDao;
import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
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
   * @param efSearches the HNSW recall is measured at each; the latency part uses the configured one
   */
  Map<String, Object> run(int n, int queryCount, int requests, List<Integer> efSearches)
      throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "label",
        "SYNTHETIC corpus: clustered deterministic vectors ("
            + CLUSTERS
            + " clusters, dim "
            + dim
            + "), Zipf pseudo-word texts; HTTP queries embedded by the real model");
    m.put("chunks", n);
    UUID ws = core.workspaces().createTemporary("bench scale " + Instant.now());
    m.put("workspace", ws.toString());
    DataSourceFactory db = config.getDatabase();
    try (Connection c = DriverManager.getConnection(db.getUrl(), db.getUser(), db.getPassword())) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("DROP INDEX IF EXISTS chunks_embedding_hnsw_idx");
      }
      c.commit();
      long t0 = System.nanoTime();
      load(c, ws, n);
      c.commit();
      double loadS = secs(t0);
      out.printf(Locale.ROOT, "  scale: loaded %d chunks by COPY in %.1f s%n", n, loadS);
      long t1 = System.nanoTime();
      core.index().catchUp();
      double luceneS = secs(t1);
      out.printf(
          Locale.ROOT,
          "  scale: Lucene caught up in %.1f s (%d docs)%n",
          luceneS,
          core.index().numDocs());
      c.setAutoCommit(true);
      long t2 = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute("SET maintenance_work_mem = '" + (n > 300_000 ? "3GB" : "1GB") + "'");
        // The same definition as db/changelog/001-core.sql.
        s.execute(
            "CREATE INDEX chunks_embedding_hnsw_idx ON chunks USING hnsw (embedding vector_cosine_ops)");
        s.execute("ANALYZE chunks");
        s.execute("ANALYZE sources");
      }
      double hnswS = secs(t2);
      out.printf(Locale.ROOT, "  scale: HNSW index built in %.1f s%n", hnswS);
      Map<String, Object> build = new LinkedHashMap<>();
      build.put("copySeconds", round(loadS));
      build.put("luceneCatchUpSeconds", round(luceneS));
      build.put("hnswBuildSeconds", round(hnswS));
      m.put("build", build);
      m.put("sizes", sizes(c));
      m.put("hnswRecallAt10", recall(c, ws, queryCount, efSearches));
    }
    m.put("search", latency(ws, requests));
    System.gc();
    Runtime rt = Runtime.getRuntime();
    Map<String, Object> mem = new LinkedHashMap<>();
    mem.put("heapUsedAfterGcMiB", (rt.totalMemory() - rt.freeMemory()) >> 20);
    mem.put("heapMaxMiB", rt.maxMemory() >> 20);
    mem.put("rssMiB", Machine.rssMiB());
    m.put("memory", mem);
    out.printf(
        Locale.ROOT,
        "  scale: heap %s MiB used of %s MiB, RSS %s MiB%n",
        mem.get("heapUsedAfterGcMiB"),
        mem.get("heapMaxMiB"),
        mem.get("rssMiB"));
    m.put("note", "workspace left in place; bench/bench.sh drops the whole database afterwards");
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
      int cluster = r.nextInt(CLUSTERS);
      sb.append(ids[i / CHUNKS_PER_SOURCE])
          .append('\t')
          .append(ws)
          .append('\t')
          .append(i % CHUNKS_PER_SOURCE)
          .append('\t');
      text(sb, r, cluster, 60);
      sb.append('\t');
      vector(sb, point(r, cluster));
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
    int idx = java.util.Arrays.binarySearch(zipf, r.nextDouble());
    return vocabulary[Math.min(WORDS - 1, idx < 0 ? -idx - 1 : idx)];
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

  /**
   * HNSW through the product's DAO (its iterative scan) versus an exact scan, at each ef_search:
   * the exact neighbours are computed once per query and every ef_search is scored against them.
   */
  private List<Map<String, Object>> recall(
      Connection c, UUID ws, int queries, List<Integer> efSearches) throws Exception {
    DataSourceFactory db = config.getDatabase();
    Jdbi jdbi =
        Jdbi.create(db.getUrl(), db.getUser(), db.getPassword())
            .installPlugin(new SqlObjectPlugin());
    VectorSearchDao dao = jdbi.onDemand(VectorSearchDao.class);
    SplittableRandom r = new SplittableRandom(4242);
    double[] sum = new double[efSearches.size()];
    long[] hnswNanos = new long[efSearches.size()];
    long exactNanos = 0;
    c.setAutoCommit(false);
    for (int q = 0; q < queries; q++) {
      float[] v = point(r, r.nextInt(CLUSTERS));
      long t = System.nanoTime();
      Set<UUID> exact = new HashSet<>();
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL enable_indexscan = off");
      }
      StringBuilder lit = new StringBuilder();
      vector(lit, v);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id FROM chunks WHERE workspace_id = ? ORDER BY embedding <=> CAST(? AS vector), id LIMIT 10")) {
        ps.setObject(1, ws);
        ps.setString(2, lit.toString());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            exact.add((UUID) rs.getObject(1));
          }
        }
      }
      c.commit();
      exactNanos += System.nanoTime() - t;
      for (int e = 0; e < efSearches.size(); e++) {
        t = System.nanoTime();
        List<RankedHit> approx = dao.nearest(ws, v, 10, SearchFilters.NONE, efSearches.get(e));
        hnswNanos[e] += System.nanoTime() - t;
        sum[e] += approx.stream().filter(h -> exact.contains(h.chunkId())).count() / 10.0;
      }
    }
    c.setAutoCommit(true);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int e = 0; e < efSearches.size(); e++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("queries", queries);
      m.put("efSearch", efSearches.get(e));
      m.put("recallAt10", Math.round(sum[e] / queries * 1000) / 1000.0);
      m.put("hnswMeanMs", round(hnswNanos[e] / 1e6 / queries));
      m.put("exactMeanMs", round(exactNanos / 1e6 / queries));
      rows.add(m);
      out.printf(
          Locale.ROOT,
          "  scale: ef_search %d: HNSW recall@10 %.3f vs exact (%d queries; HNSW %.1f ms, exact %.1f ms mean)%n",
          efSearches.get(e),
          sum[e] / queries,
          queries,
          hnswNanos[e] / 1e6 / queries,
          exactNanos / 1e6 / queries);
    }
    return rows;
  }

  private Map<String, Object> latency(UUID ws, int requests) throws Exception {
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
    ObjectMapper json = new ObjectMapper();
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(LoadStats.daemonPool(4))
            .build();
    URI search = URI.create("http://127.0.0.1:" + port + "/api/v1/search");
    LoadStats.Call floor =
        i -> core.search().search(ws, SearchRequest.of(queries.get(i % queries.size()), 10, null));
    String key = core.apiKeys().create(ws, "bench scale", List.of("read"), 1, null).plaintext();
    LoadStats.Call viaHttp =
        i ->
            BenchCommand.post(
                http,
                search,
                key,
                json.writeValueAsString(Map.of("query", queries.get(i % queries.size()), "k", 10)));
    LoadStats.run(30, 2, floor);
    LoadStats.run(30, 2, viaHttp);
    Map<String, Object> m = new LinkedHashMap<>();
    for (int c : List.of(1, 4)) {
      Map<String, Object> f = LoadStats.run(requests, c, floor);
      Map<String, Object> h = LoadStats.run(requests, c, viaHttp);
      m.put("c" + c, Map.of("inProcessSearch", f, "httpSearch", h));
      out.printf(
          Locale.ROOT,
          "  scale: c=%d in-process p50/p99 %s/%s ms | HTTP /search p50/p99 %s/%s ms, %s/s%n",
          c,
          f.get("p50Ms"),
          f.get("p99Ms"),
          h.get("p50Ms"),
          h.get("p99Ms"),
          h.get("throughputPerSecond"));
    }
    m.put("target", "/search p99 < 100 ms at 1M chunks");
    return m;
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

  private static float[] gaussian(SplittableRandom r, int dim, double sigma) {
    float[] v = new float[dim];
    for (int d = 0; d < dim; d++) {
      // Box-Muller
      double u1 = 1.0 - r.nextDouble();
      double u2 = r.nextDouble();
      v[d] = (float) (sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    return v;
  }

  private static float[] normalize(float[] v) {
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
