package dev.minirag.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.cli.EvalCommand;
import dev.minirag.cli.InProcessApp;
import dev.minirag.common.CommandErrors;
import dev.minirag.documents.EmbeddingPipeline;
import dev.minirag.documents.IngestConfig;
import dev.minirag.documents.chunk.ChunkDraft;
import dev.minirag.documents.chunk.Chunker;
import dev.minirag.documents.extract.ExtractedDocument;
import dev.minirag.documents.extract.Segment;
import dev.minirag.embedding.Embedder;
import dev.minirag.embedding.VectorStorage;
import dev.minirag.eval.BeirDataset;
import dev.minirag.eval.Machine;
import dev.minirag.search.SearchRequest;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bench --data <BEIR dir> [options] config.yml}: speed ratios measured in one run, in one
 * JVM, through the product's own code. Ingestion: the embedder's raw throughput (same model, batch
 * size and caller threads) versus the pipeline's end-to-end chunks/s on the same documents.
 * Queries: {@code /api/v1/search} and {@code /api/v1/ask} over HTTP on 127.0.0.1 at several
 * concurrencies versus calling the search service directly (the floor). Scale: see {@link
 * ScaleBench}. Several workspaces loaded at once (the write path's concurrency): see {@link
 * FeedBench}.
 */
public class BenchCommand extends ConfiguredCommand<MiniRagConfiguration> {

  public BenchCommand() {
    super(
        "bench",
        "Measure ingestion and query speed (pipeline vs raw embedder, HTTP vs in-process), and scale");
  }

  @Override
  public void configure(Subparser p) {
    super.configure(p);
    p.addArgument("--data")
        .required(true)
        .help("BEIR directory whose corpus and queries drive the run");
    p.addArgument("--parts")
        .setDefault("ingest,http")
        .help("comma-separated: ingest, http, overhead, limits, tracing, scale, feed");
    p.addArgument("--docs")
        .type(Integer.class)
        .setDefault(1000)
        .help("documents ingested (first N of the corpus)");
    p.addArgument("--requests")
        .type(Integer.class)
        .setDefault(300)
        .help(
            "requests per endpoint and concurrency; for overhead, limits and tracing, per leg and round (10, 5 and 20 rounds)");
    p.addArgument("--overhead-warm-up-rounds")
        .type(Integer.class)
        .setDefault(12)
        .help(
            "overhead and scale parts: at most this many warm-up rounds (each leg 10 x --requests; scale: --requests), fewer once the JIT compiler takes under 5 % of a round's CPU");
    p.addArgument("--concurrency").setDefault("1,4,16").help("comma-separated concurrency levels");
    p.addArgument("--ingest-batch")
        .type(Integer.class)
        .setDefault(64)
        .help("documents per batch ingest call");
    p.addArgument("--ingest-threads")
        .type(Integer.class)
        .setDefault(2)
        .help("concurrent batch ingest calls");
    p.addArgument("--chunk-chars").type(Integer.class).help("override chunk target and max size");
    p.addArgument("--ingest-without-vector-index")
        .action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help(
            "ingest part: drop the HNSW index first, to measure what maintaining it costs a chunk"
                + " (searches then scan exactly)");
    p.addArgument("--scale-chunks")
        .type(Integer.class)
        .setDefault(100_000)
        .help("generated chunks for the scale part");
    p.addArgument("--scale-queries")
        .type(Integer.class)
        .setDefault(100)
        .help("queries for the scale part's recall and latency");
    p.addArgument("--scale-ef-search")
        .help(
            "comma-separated HNSW ef_search values for the scale part's recall (default: the configured one)");
    p.addArgument("--scale-vectors")
        .choices("synthetic", "scifact")
        .setDefault("synthetic")
        .help(
            "scale part's vectors: synthetic clusters, or the --data corpus embedded by the model and replicated with small perturbations");
    p.addArgument("--scale-storage")
        .help(
            "comma-separated HNSW storages the scale part builds and measures in turn: vector, halfvec (default: the configured one)");
    p.addArgument("--scale-documents")
        .type(Integer.class)
        .help(
            "scale part with --scale-vectors scifact: replicate only the first N abstracts (more copies of each, denser clusters)");
    p.addArgument("--scale-hnsw-m")
        .type(Integer.class)
        .help("scale part: HNSW m of the index it builds (default: pgvector's, 16)");
    p.addArgument("--scale-hnsw-ef-construction")
        .type(Integer.class)
        .help("scale part: HNSW ef_construction of the index it builds (default: pgvector's, 64)");
    p.addArgument("--scale-ivfflat-lists")
        .type(Integer.class)
        .help("scale part: also build an IVFFlat index of this many lists and measure its recall");
    p.addArgument("--scale-ivfflat-probes")
        .setDefault("10,20,40")
        .help("scale part with --scale-ivfflat-lists: comma-separated numbers of lists probed");
    p.addArgument("--scale-scan-rows")
        .setDefault("10")
        .help(
            "scale part: comma-separated numbers of rows the HNSW recall's index scan walks to at"
                + " each ef_search, the best 10 scored (the configured rule's value is added)");
    p.addArgument("--scale-max-scan-tuples")
        .type(Integer.class)
        .help("scale part: pgvector's hnsw.max_scan_tuples for the recall's walks (default 20000)");
    p.addArgument("--scale-scan-mem-multiplier")
        .type(Integer.class)
        .help(
            "scale part: pgvector's hnsw.scan_mem_multiplier (x work_mem) for the recall's walks"
                + " (default 1)");
    p.addArgument("--scale-skip-search")
        .action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help(
            "scale part: index sizes, build times and recall only (no Lucene catch-up, no /search latency)");
    p.addArgument("--feed-workspaces")
        .type(Integer.class)
        .setDefault(4)
        .help("workspaces the feed part loads at once, each with --docs documents");
    p.addArgument("--feed-rounds")
        .type(Integer.class)
        .setDefault(3)
        .help("measured rounds of the feed part, after one warm-up round");
    p.addArgument("--json").help("write the results as JSON to this file");
  }

  @Override
  protected void run(
      Bootstrap<MiniRagConfiguration> bootstrap, Namespace ns, MiniRagConfiguration config)
      throws Exception {
    PrintStream out = System.out;
    CpuClock.countPostgresOf(config.getDatabase().getUrl());
    List<String> parts =
        Arrays.stream(ns.getString("parts").split(",")).map(String::strip).toList();
    BeirDataset data = BeirDataset.load(Path.of(ns.getString("data")), null, null);
    int docs = Math.min(ns.getInt("docs"), data.corpus().size());
    BeirDataset subset =
        new BeirDataset(data.name(), data.corpus().subList(0, docs), data.queries(), data.qrels());
    List<Integer> levels = ints(ns.getString("concurrency"));
    IngestConfig ic = config.getIngest();
    Integer chunkChars = ns.getInt("chunk_chars");
    if (chunkChars != null) {
      ic.setChunkTargetChars(chunkChars);
      ic.setChunkMaxChars(chunkChars);
      ic.setChunkOverlapChars(Math.min(ic.getChunkOverlapChars(), chunkChars - 1));
    }

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("date", Instant.now().toString());
    report.put("machine", Machine.facts());
    report.put("dataset", data.name());
    report.put(
        "config",
        Map.of(
            "embeddingModel",
            config.getEmbedding().getModel(),
            "embeddingThreads",
            config.getEmbedding().getThreads(),
            "embeddingModelThreads",
            config.getEmbedding().getModelThreads(),
            "embeddingBatchSize",
            config.getEmbedding().getBatchSize(),
            "chunkTargetChars",
            ic.getChunkTargetChars(),
            "chunkMaxChars",
            ic.getChunkMaxChars(),
            "fusion",
            config.getSearch().getFusion(),
            "denseWeight",
            config.getSearch().getDenseWeight(),
            "efSearch",
            config.getSearch().getEfSearch(),
            "queryCacheSize",
            config.getEmbedding().getQueryCacheSize()));
    // Limits are checked and counted on every request but never refuse one (each at 10^9), so the
    // HTTP legs measure their cost; the limits leg compares that with enforcement switched off.
    config.getLimits().getDefaults().setRequestsPerMinute(1_000_000_000L);
    config.getLimits().getDefaults().setSearchesPerDay(1_000_000_000L);
    config.getLimits().getDefaults().setAsksPerDay(1_000_000_000L);
    // The tracing part exports to a local OTLP sink; tracing stays paused outside its rounds.
    boolean tracingPart = parts.contains("tracing");
    try (TracingBench.Sink sink = tracingPart ? new TracingBench.Sink() : null) {
      if (tracingPart) {
        config.getTracing().setEndpoint(sink.endpoint());
      }
      run(bootstrap, config, ns, parts, data, subset, levels, sink, report, out);
    }
    report.put("machineAfter", Machine.facts());
    writeReport(bootstrap, ns, report, out);
  }

  private void run(
      Bootstrap<MiniRagConfiguration> bootstrap,
      MiniRagConfiguration config,
      Namespace ns,
      List<String> parts,
      BeirDataset data,
      BeirDataset subset,
      List<Integer> levels,
      TracingBench.Sink sink,
      Map<String, Object> report,
      PrintStream out)
      throws Exception {
    int docs = subset.corpus().size();
    try (InProcessApp app = new InProcessApp(bootstrap, config)) {
      app.context().tracing().pause(true);
      int port = app.startServer();
      Core core = app.core();
      out.printf(
          Locale.ROOT,
          "bench: server on 127.0.0.1:%d, model %s, %d documents%n",
          port,
          core.embedder() == null ? "none" : core.embedder().model(),
          docs);
      UUID ws = core.workspaces().createTemporary("bench " + Instant.now());
      try {
        if (ns.getBoolean("ingest_without_vector_index")) {
          dropVectorIndex(config);
          report.put("vectorIndex", false);
        }
        if (parts.contains("ingest") || parts.contains("http")) {
          report.put(
              "ingest",
              ingest(
                  core,
                  ws,
                  subset,
                  config,
                  ns.getInt("ingest_batch"),
                  ns.getInt("ingest_threads"),
                  out));
        }
        if (parts.contains("http")) {
          List<String> queries = new ArrayList<>(data.queries().values());
          report.put(
              "queries", queries(core, ws, port, queries, levels, ns.getInt("requests"), out));
        }
        if ((parts.contains("limits") || parts.contains("tracing") || parts.contains("overhead"))
            && !parts.contains("ingest")
            && !parts.contains("http")) {
          // Only something to search: one load, no ingestion measurement.
          EvalCommand.ingest(
              core, ws, subset, ns.getInt("ingest_batch"), ns.getInt("ingest_threads"), out);
        }
        if (parts.contains("overhead")) {
          Map<String, Object> byLevel = new LinkedHashMap<>();
          for (int c : levels) {
            byLevel.put(
                "c" + c,
                HttpOverheadBench.run(
                    core,
                    ws,
                    port,
                    new ArrayList<>(data.queries().values()),
                    c,
                    OVERHEAD_ROUNDS,
                    ns.getInt("requests"),
                    ns.getInt("overhead_warm_up_rounds"),
                    out));
          }
          report.put("overhead", byLevel);
        }
        if (parts.contains("limits")) {
          report.put(
              "limits",
              LimitsBench.run(
                  config.getLimits(),
                  port,
                  core,
                  ws,
                  new ArrayList<>(data.queries().values()),
                  ns.getInt("requests"),
                  out));
        }
        if (parts.contains("tracing")) {
          report.put(
              "tracing",
              TracingBench.run(
                  app.context().tracing(),
                  sink,
                  port,
                  core,
                  ws,
                  new ArrayList<>(data.queries().values()),
                  ns.getInt("requests"),
                  out));
        }
      } finally {
        core.workspaces().delete(ws);
        core.index().catchUp();
      }
      if (parts.contains("feed")) {
        report.put(
            "feed",
            FeedBench.run(
                core,
                subset,
                ns.getInt("feed_workspaces"),
                ns.getInt("ingest_batch"),
                ns.getInt("feed_rounds"),
                out));
      }
      if (parts.contains("scale")) {
        String efs = ns.getString("scale_ef_search");
        List<Integer> efSearches =
            efs == null ? List.of(config.getSearch().getEfSearch()) : ints(efs);
        String st = ns.getString("scale_storage");
        List<VectorStorage> storages =
            st == null
                ? List.of(config.getSearch().getVectorStorage())
                : Arrays.stream(st.split(","))
                    .map(x -> VectorStorage.valueOf(x.strip().toUpperCase(Locale.ROOT)))
                    .toList();
        Integer replicated = ns.getInt("scale_documents");
        BeirDataset base =
            replicated == null
                ? data
                : new BeirDataset(
                    data.name(),
                    data.corpus().subList(0, Math.min(replicated, data.corpus().size())),
                    data.queries(),
                    data.qrels());
        ScifactVectors scifact =
            "scifact".equals(ns.getString("scale_vectors"))
                ? ScifactVectors.embed(
                    base, core.embedder(), Path.of(System.getProperty("java.io.tmpdir")), out)
                : null;
        report.put(
            "scale",
            new ScaleBench(core, config, port, out)
                .hnswBuild(ns.getInt("scale_hnsw_m"), ns.getInt("scale_hnsw_ef_construction"))
                .ivfflat(
                    ns.getInt("scale_ivfflat_lists"), ints(ns.getString("scale_ivfflat_probes")))
                .scanRows(ints(ns.getString("scale_scan_rows")))
                .walkBounds(
                    ns.getInt("scale_max_scan_tuples"), ns.getInt("scale_scan_mem_multiplier"))
                .warmUpRounds(ns.getInt("overhead_warm_up_rounds"))
                .run(
                    ns.getInt("scale_chunks"),
                    ns.getInt("scale_queries"),
                    ns.getInt("requests"),
                    efSearches,
                    storages,
                    scifact,
                    !ns.getBoolean("scale_skip_search")));
      }
    }
  }

  /** "1,4, 16" as [1, 4, 16]. */
  private static List<Integer> ints(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(x -> Integer.parseInt(x.strip())).toList();
  }

  /** Writes the report as indented JSON to {@code --json}, when given. */
  static void writeReport(
      Bootstrap<MiniRagConfiguration> bootstrap,
      Namespace ns,
      Map<String, Object> report,
      PrintStream out)
      throws Exception {
    if (ns.getString("json") != null) {
      Path file = Path.of(ns.getString("json"));
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      bootstrap
          .getObjectMapper()
          .copy()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(file.toFile(), report);
      out.println("wrote " + file);
    }
  }

  /**
   * The raw embedder, then the pipeline, then the raw embedder again, over the same documents (an
   * A-B-A design): the machine is shared, so a linear drift in available CPU cancels out instead of
   * favouring whichever side ran when the box was quieter. The pipeline loads the whole set as one
   * bulk load, as a customer's import would, start and tail included. The ratio compares the
   * pipeline's chunks/s with the raw chunks/s of both raw runs together. Each leg reports how long
   * the JIT compiler threads spent compiling during it.
   */
  static Map<String, Object> ingest(
      Core core,
      UUID ws,
      BeirDataset data,
      MiniRagConfiguration config,
      int batch,
      int threads,
      PrintStream out)
      throws Exception {
    Embedder embedder = core.embedder();
    IngestConfig ic = config.getIngest();
    Chunker chunker = new Chunker(ic.chunking());
    int modelBatch = config.getEmbedding().getBatchSize();
    List<Map<String, Object>> warmUp = warmUp(core, data, batch, threads, out);
    List<String> texts = embeddingTexts(chunker, data.corpus());
    CpuClock.Reading cpu0 = CpuClock.now();
    double jit0 = cpu0.jit();
    double before = raw(embedder, texts, modelBatch, threads);
    CpuClock.Reading cpu1 = CpuClock.now();
    double jit1 = cpu1.jit();
    out.printf(
        Locale.ROOT, "  raw embedder (before): %.1f chunks/s (JIT %.1f s)%n", before, jit1 - jit0);
    EvalCommand.Ingested p = EvalCommand.ingest(core, ws, data, batch, threads, out);
    // The index catches up from the change feed on its own thread; its work belongs to the load.
    core.index().catchUp();
    CpuClock.Reading cpu2 = CpuClock.now();
    double jit2 = cpu2.jit();
    double after = raw(embedder, texts, modelBatch, threads);
    CpuClock.Reading cpu3 = CpuClock.now();
    double jit3 = cpu3.jit();
    out.printf(
        Locale.ROOT, "  raw embedder (after): %.1f chunks/s (JIT %.1f s)%n", after, jit3 - jit2);
    double raw =
        2
            / (1 / before
                + 1 / after); // both raw runs embed the same texts: total chunks over total time
    double pipe = p.chunks() / p.seconds();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documents", data.corpus().size());
    m.put("chunks", texts.size());
    m.put("storedChunks", p.chunks());
    m.put("failed", p.stats().get("failed"));
    m.put("warmUp", warmUp);
    m.put("rawChunksPerSecondBefore", round(before));
    m.put("rawChunksPerSecondAfter", round(after));
    m.put("rawChunksPerSecond", round(raw));
    m.put("pipelineChunksPerSecond", round(pipe));
    m.put(
        "jitSeconds",
        Map.of(
            "rawBefore",
            round(jit1 - jit0),
            "pipeline",
            round(jit2 - jit1),
            "rawAfter",
            round(jit3 - jit2)));
    m.put(
        "cpuMsPerChunk",
        cpuPerChunk(
            cpu1.minus(cpu0).plus(cpu3.minus(cpu2)), 2 * texts.size(), cpu2.minus(cpu1), p));
    m.put("pipeline", p.stats());
    m.put("pipelineOverRaw", Math.round(pipe / raw * 1000) / 1000.0);
    m.put("target", ">= 0.95");
    out.printf(
        Locale.ROOT,
        "ingest: pipeline %.1f chunks/s (JIT %.1f s) vs raw %.1f chunks/s (before %.1f, after %.1f) = %.3f%n",
        pipe,
        jit2 - jit1,
        raw,
        before,
        after,
        pipe / raw);
    return m;
  }

  /**
   * Where a chunk's CPU goes, raw against the pipeline (the JIT compiler's excluded): on a machine
   * whose cores the model already fills, every millisecond the pipeline adds (PostgreSQL's insert
   * and HNSW update, Lucene, chunking, JDBI) comes out of the model's share.
   */
  private static Map<String, Object> cpuPerChunk(
      CpuClock.Reading raw, int rawChunks, CpuClock.Reading pipeline, EvalCommand.Ingested p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rawJvm", round2((raw.jvm() - raw.jit()) * 1000 / rawChunks));
    m.put("rawPostgres", round2(Math.max(0, raw.postgres()) * 1000 / rawChunks));
    m.put("pipelineJvm", round2((pipeline.jvm() - pipeline.jit()) * 1000 / p.chunks()));
    m.put("pipelinePostgres", round2(Math.max(0, pipeline.postgres()) * 1000 / p.chunks()));
    return m;
  }

  /**
   * Before the clock starts, the documents (at most 1,024 a round) go through the pipeline into
   * workspaces of their own that are removed again, round after round until the JIT compiler spends
   * under 5 % of a round compiling (at most {@value #WARM_UP_ROUNDS} rounds). That puts the model
   * and the whole write path where a running server has them (compiled code, pools, Lucene's
   * segments and merges), so the pipeline is not charged one-time costs the raw leg never pays:
   * after a single round of a quarter of the set, the JIT still spent ~3 s compiling (~1,200
   * methods for the first time) inside a 30 s measured load.
   */
  private static List<Map<String, Object>> warmUp(
      Core core, BeirDataset data, int batch, int threads, PrintStream out) throws Exception {
    List<BeirDataset.Doc> docs = data.corpus().subList(0, Math.min(data.corpus().size(), 1024));
    BeirDataset set = new BeirDataset(data.name(), docs, data.queries(), data.qrels());
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    List<Map<String, Object>> rounds = new ArrayList<>();
    for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
      double jit = CpuClock.jitSeconds();
      long start = System.nanoTime();
      UUID ws = core.workspaces().createTemporary("bench warm-up " + Instant.now());
      try {
        EvalCommand.ingest(core, ws, set, batch, threads, quiet);
      } finally {
        core.workspaces().delete(ws);
        core.index().catchUp();
      }
      double secs = (System.nanoTime() - start) / 1e9;
      double compiling = CpuClock.jitSeconds() - jit;
      rounds.add(
          Map.of("documents", docs.size(), "seconds", round(secs), "jitSeconds", round(compiling)));
      out.printf(
          Locale.ROOT,
          "  warm-up round %d: %d documents in %.1f s, JIT %.1f s%n",
          round,
          docs.size(),
          secs,
          compiling);
      if (compiling < 0.05 * secs) {
        break;
      }
    }
    return rounds;
  }

  private static final int WARM_UP_ROUNDS = 6;

  private static final int OVERHEAD_ROUNDS = 10;

  /** What the pipeline hands the model for these documents: title-prefixed chunk texts. */
  private static List<String> embeddingTexts(Chunker chunker, List<BeirDataset.Doc> docs) {
    List<String> texts = new ArrayList<>();
    for (BeirDataset.Doc d : docs) {
      String title = d.title().isBlank() ? d.id() : d.title();
      for (ChunkDraft c :
          chunker.chunk(
              new ExtractedDocument(
                  title,
                  "text/plain",
                  List.of(Segment.of(d.text().isBlank() ? d.title() : d.text()))))) {
        texts.add(EmbeddingPipeline.embeddingText(title, c.text()));
      }
    }
    return texts;
  }

  /**
   * The embedder alone, fed as the pipeline feeds it: {@code threads} callers, {@code batch} texts
   * a call.
   */
  static double raw(Embedder embedder, List<String> texts, int batch, int threads)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        fs.add(
            pool.submit(
                () -> {
                  int from;
                  while ((from = next.getAndAdd(batch)) < texts.size()) {
                    embedder.embedDocuments(
                        texts.subList(from, Math.min(texts.size(), from + batch)));
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return texts.size() / ((System.nanoTime() - start) / 1e9);
  }

  static Map<String, Object> queries(
      Core core,
      UUID ws,
      int port,
      List<String> queries,
      List<Integer> levels,
      int requests,
      PrintStream out)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(LoadStats.daemonPool(4))
            .build();
    URI search = URI.create("http://127.0.0.1:" + port + "/api/v1/search");
    URI ask = URI.create("http://127.0.0.1:" + port + "/api/v1/ask");
    LoadStats.Call floor =
        i -> core.search().search(ws, SearchRequest.of(queries.get(i % queries.size()), 10, null));
    // The HTTP legs authenticate as customers do: a read key bound to the benchmark's workspace.
    String key = core.apiKeys().create(ws, "bench", List.of("read"), 1, null).plaintext();
    LoadStats.Call httpSearch =
        i ->
            post(
                http,
                search,
                key,
                json.writeValueAsString(Map.of("query", queries.get(i % queries.size()), "k", 10)));
    LoadStats.Call httpAsk =
        i ->
            post(
                http,
                ask,
                key,
                json.writeValueAsString(Map.of("question", queries.get(i % queries.size()))));
    // Warm-up: JIT, connection pools, model sessions.
    LoadStats.run(50, 2, floor);
    LoadStats.run(50, 2, httpSearch);
    LoadStats.run(50, 2, httpAsk);
    Map<String, Object> byLevel = new LinkedHashMap<>();
    for (int c : levels) {
      Map<String, Object> level = new LinkedHashMap<>();
      Map<String, Object> f = LoadStats.run(requests, c, floor);
      Map<String, Object> s = LoadStats.run(requests, c, httpSearch);
      Map<String, Object> a = LoadStats.run(requests, c, httpAsk);
      level.put("inProcessSearch", f);
      level.put("httpSearch", s);
      level.put("httpAsk", a);
      double ratio =
          ((Number) s.get("p99Ms")).doubleValue() / ((Number) f.get("p99Ms")).doubleValue();
      level.put("httpSearchP99OverFloorP99", Math.round(ratio * 100) / 100.0);
      level.put(
          "httpSearchThroughputOverFloor",
          Math.round(
                  ((Number) s.get("throughputPerSecond")).doubleValue()
                      / ((Number) f.get("throughputPerSecond")).doubleValue()
                      * 100)
              / 100.0);
      byLevel.put("c" + c, level);
      out.printf(
          Locale.ROOT,
          "  c=%-2d floor p50/p95/p99 %s/%s/%s ms %s/s | /search %s/%s/%s ms %s/s | /ask %s/%s/%s ms %s/s | search p99/floor p99 %.2f, /s over floor %s%n",
          c,
          f.get("p50Ms"),
          f.get("p95Ms"),
          f.get("p99Ms"),
          f.get("throughputPerSecond"),
          s.get("p50Ms"),
          s.get("p95Ms"),
          s.get("p99Ms"),
          s.get("throughputPerSecond"),
          a.get("p50Ms"),
          a.get("p95Ms"),
          a.get("p99Ms"),
          a.get("throughputPerSecond"),
          ratio,
          level.get("httpSearchThroughputOverFloor"));
    }
    byLevel.put(
        "target",
        "at concurrency 4: HTTP /search throughput >= 0.9 x in-process, p99 <= 1.2 x in-process p99");
    return byLevel;
  }

  static void post(HttpClient http, URI uri, String apiKey, String body) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-API-Key", apiKey)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  private static double round(double d) {
    return Math.round(d * 10) / 10.0;
  }

  private static double round2(double d) {
    return Math.round(d * 100) / 100.0;
  }

  /** Operator mistakes print one line on stderr, not a stack trace (see {@link CommandErrors}). */
  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    CommandErrors.report(cli.getStdErr(), e, () -> super.onError(cli, namespace, e));
  }

  private static void dropVectorIndex(MiniRagConfiguration config) throws SQLException {
    var db = config.getDatabase();
    try (Connection c = DriverManager.getConnection(db.getUrl(), db.getUser(), db.getPassword());
        Statement st = c.createStatement()) {
      st.execute("DROP INDEX IF EXISTS " + VectorStorage.INDEX);
    }
  }
}
