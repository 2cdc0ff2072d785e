package dev.minirag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.minirag.app.Core;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.common.CommandErrors;
import dev.minirag.documents.IngestConfig;
import dev.minirag.documents.IngestOutcome;
import dev.minirag.documents.IngestService;
import dev.minirag.documents.ItemResult;
import dev.minirag.documents.SourceService;
import dev.minirag.documents.SourceStatus;
import dev.minirag.eval.BeirDataset;
import dev.minirag.eval.EvalService;
import dev.minirag.search.FusionMethod;
import dev.minirag.search.SearchMode;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code eval --data <BEIR dir> [options] config.yml}: ingests a BEIR collection into a temporary
 * workspace through the real ingestion service, runs every judged query through the real search
 * service per mode, prints nDCG@10 / Recall@10 / Recall@100 / MRR@10 beside reference numbers,
 * optionally writes JSON, and removes the workspace.
 */
public class EvalCommand extends ConfiguredCommand<MiniRagConfiguration> {

  /** Published or reference nDCG@10 on BEIR SciFact (300 test queries); see docs/benchmarks.md. */
  static final Map<String, String> SCIFACT_REFERENCE =
      Map.ofEntries(
          Map.entry("bm25", "0.6789 (Anserini BM25 flat)"),
          Map.entry("dense/all-minilm-l6-v2", "0.624 (ref. run, whole abstracts)"),
          Map.entry("dense/all-minilm-l6-v2-q", "0.626 (ref. run, whole abstracts)"),
          Map.entry("dense/bge-small-en-v1.5", "0.720 (ref. run, whole abstracts)"),
          Map.entry("dense/bge-small-en-v1.5-q", "0.711 (ref. run, whole abstracts)"),
          Map.entry("hybrid/all-minilm-l6-v2-q", "0.728 convex w=0.4 / 0.708 RRF (ref. run)"),
          Map.entry("hybrid/bge-small-en-v1.5", "0.746 convex w=0.6 / 0.735 RRF (ref. run)"),
          Map.entry("hybrid/bge-small-en-v1.5-q", "0.746 convex w=0.7 (ref. run)"));

  public EvalCommand() {
    super(
        "eval",
        "Measure retrieval quality (nDCG@10, Recall@10/100, MRR@10) on a BEIR-format collection");
  }

  @Override
  public void configure(Subparser p) {
    super.configure(p);
    p.addArgument("--data")
        .required(true)
        .help("BEIR directory: corpus.jsonl, queries.jsonl, qrels.tsv or qrels/test.tsv");
    p.addArgument("--queries").help("queries file (default <data>/queries.jsonl)");
    p.addArgument("--qrels")
        .help("judgments file (default <data>/qrels.tsv or <data>/qrels/test.tsv)");
    p.addArgument("--modes")
        .setDefault("bm25,dense,hybrid")
        .help("comma-separated: bm25, dense, hybrid");
    p.addArgument("--fusion")
        .help("extra hybrid runs: comma-separated convex, rrf (sweep as a set)");
    p.addArgument("--dense-weights")
        .help("extra convex runs at these dense weights, e.g. 0.3,0.4,0.5");
    p.addArgument("--json").help("write the results as JSON to this file");
    p.addArgument("--chunk-chars")
        .type(Integer.class)
        .help(
            "override chunk target and max size (e.g. large enough that a document stays one chunk)");
    p.addArgument("--sample-queries")
        .type(Integer.class)
        .help("deterministic subset: the first N judged queries ...");
    p.addArgument("--sample-docs")
        .type(Integer.class)
        .setDefault(0)
        .help("... their judged documents plus the first M other documents");
    p.addArgument("--ingest-batch")
        .type(Integer.class)
        .setDefault(64)
        .help("documents per batch ingest call");
    p.addArgument("--ingest-threads")
        .type(Integer.class)
        .setDefault(2)
        .help("concurrent batch ingest calls");
  }

  @Override
  protected void run(
      Bootstrap<MiniRagConfiguration> bootstrap, Namespace ns, MiniRagConfiguration config)
      throws Exception {
    PrintStream out = System.out;
    BeirDataset data =
        BeirDataset.load(
            Path.of(ns.getString("data")),
            ns.getString("queries") == null ? null : Path.of(ns.getString("queries")),
            ns.getString("qrels") == null ? null : Path.of(ns.getString("qrels")));
    if (ns.getInt("sample_queries") != null) {
      data = data.sample(ns.getInt("sample_queries"), ns.getInt("sample_docs"));
    }
    Integer chunkChars = ns.getInt("chunk_chars");
    IngestConfig ic = config.getIngest();
    if (chunkChars != null) {
      ic.setChunkTargetChars(chunkChars);
      ic.setChunkMaxChars(chunkChars);
      ic.setChunkOverlapChars(Math.min(ic.getChunkOverlapChars(), chunkChars - 1));
    }
    List<EvalService.Run> runs = runs(ns, config);
    out.printf(
        Locale.ROOT,
        "eval %s: %d documents, %d judged queries, model %s, chunks %d/%d/%d chars (target/overlap/max)%n",
        data.name(),
        data.corpus().size(),
        data.queries().size(),
        config.getEmbedding().getModel(),
        ic.getChunkTargetChars(),
        ic.getChunkOverlapChars(),
        ic.getChunkMaxChars());

    try (InProcessApp app = new InProcessApp(bootstrap, config).startEngines()) {
      Core core = app.core();
      UUID ws = core.workspaces().createTemporary("eval " + data.name() + " " + Instant.now());
      try {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dataset", data.name());
        report.put("queries", data.queries().size());
        Ingested ingested =
            ingest(core, ws, data, ns.getInt("ingest_batch"), ns.getInt("ingest_threads"), out);
        EvalService eval = new EvalService(core.search());
        Map<String, Object> modes = new LinkedHashMap<>();
        Map<String, Object> sweep = new LinkedHashMap<>();
        List<String[]> table = new ArrayList<>();
        for (EvalService.Run run : runs) {
          String label = run.label();
          int total = data.queries().size();
          EvalService.Outcome o =
              eval.run(
                  ws,
                  data.queries(),
                  data.qrels(),
                  run,
                  ingested.docIds()::get,
                  done -> {
                    if (done % 100 == 0 || done == total)
                      out.printf(Locale.ROOT, "  %s: %d/%d queries%n", label, done, total);
                  });
          Map<String, Object> m = new LinkedHashMap<>(o.metrics());
          m.put("queries", o.queries());
          m.put("degradedQueries", o.degraded());
          m.put("searchP50Ms", o.p50Ms());
          m.put("searchP95Ms", o.p95Ms());
          if (run.fusion() != null) {
            m.put("fusion", run.fusion().wire());
            m.put("denseWeight", run.denseWeight());
          }
          (run.fusion() == null ? modes : sweep).put(label, m);
          if (o.degraded() > 0) {
            out.printf(
                Locale.ROOT,
                "WARNING: %s: %d queries answered by BM25 only (vector leg unavailable)%n",
                label,
                o.degraded());
          }
          table.add(
              new String[] {
                label,
                f(o.metrics().get("ndcg@10")),
                f(o.metrics().get("recall@10")),
                f(o.metrics().get("recall@100")),
                f(o.metrics().get("mrr@10")),
                String.format(Locale.ROOT, "%.1f", o.p50Ms()),
                reference(data.name(), run, config.getEmbedding().getModel())
              });
        }
        report.put("modes", modes);
        if (!sweep.isEmpty()) {
          report.put("sweep", sweep);
        }
        report.put("ingest", ingested.stats());
        report.put("config", configReport(config));
        report.put("date", Instant.now().toString());
        printTable(out, table);
        if (ns.getString("json") != null) {
          EvalCommand.writeJson(
              bootstrap.getObjectMapper(), Path.of(ns.getString("json")), report, out);
        }
      } finally {
        core.workspaces().delete(ws);
        core.index().catchUp();
        out.println("removed the temporary workspace " + ws);
      }
    }
  }

  /**
   * {@code seconds}: the ingestion itself, unrounded; {@code chunks}: every ready chunk of the
   * workspace afterwards.
   */
  public record Ingested(
      Map<UUID, List<String>> docIds, Map<String, Object> stats, double seconds, long chunks) {}

  /** Batches of documents through {@link IngestService#addTexts}, a few batches at a time. */
  public static Ingested ingest(
      Core core, UUID ws, BeirDataset data, int batch, int threads, PrintStream out)
      throws Exception {
    List<BeirDataset.Doc> docs = data.corpus();
    Map<UUID, List<String>> docIds = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger duplicates = new AtomicInteger();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int from = 0; from < docs.size(); from += batch) {
        List<BeirDataset.Doc> slice = docs.subList(from, Math.min(docs.size(), from + batch));
        futures.add(
            pool.submit(
                () -> {
                  List<IngestService.TextItem> items =
                      slice.stream()
                          .map(
                              d ->
                                  new IngestService.TextItem(
                                      d.title().isBlank() ? d.id() : d.title(),
                                      d.text().isBlank() ? d.title() : d.text(),
                                      d.id()))
                          .toList();
                  List<ItemResult> results = core.ingest().addTexts(ws, null, items);
                  for (int i = 0; i < results.size(); i++) {
                    ItemResult r = results.get(i);
                    if (r.isFailed()
                        || (r.status() == IngestOutcome.ACCEPTED
                            && r.sourceStatus() != SourceStatus.READY)) {
                      failed.incrementAndGet();
                      continue;
                    }
                    if (r.status() == IngestOutcome.DUPLICATE) {
                      duplicates.incrementAndGet();
                    }
                    if (r.sourceId() != null) {
                      docIds
                          .computeIfAbsent(
                              r.sourceId(),
                              k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                          .add(slice.get(i).id());
                    }
                  }
                  int n = done.addAndGet(slice.size());
                  double secs = (System.nanoTime() - start) / 1e9;
                  out.printf(
                      Locale.ROOT,
                      "  ingested %d/%d documents (%.1f docs/s)%n",
                      n,
                      docs.size(),
                      n / secs);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    SourceService sources = core.sources();
    long ready = sources.list(ws, null, SourceStatus.READY, null, 1, 0).total();
    long unfinished =
        sources.list(ws, null, SourceStatus.PENDING, null, 1, 0).total()
            + sources.list(ws, null, SourceStatus.EMBEDDING, null, 1, 0).total();
    long chunks = 0;
    for (int offset = 0; offset < ready; offset += 100) {
      chunks +=
          sources.list(ws, null, SourceStatus.READY, null, 100, offset).items().stream()
              .mapToLong(s -> s.chunkCount())
              .sum();
    }
    if (unfinished > 0) {
      throw new IllegalStateException(unfinished + " sources did not finish embedding");
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("documents", docs.size());
    stats.put("sources", ready);
    stats.put("duplicates", duplicates.get());
    stats.put("failed", failed.get());
    stats.put("chunks", chunks);
    stats.put("seconds", Math.round(secs * 10) / 10.0);
    stats.put("docsPerSecond", Math.round(docs.size() / secs * 10) / 10.0);
    stats.put("chunksPerSecond", Math.round(chunks / secs * 10) / 10.0);
    stats.put("batch", batch);
    stats.put("threads", threads);
    out.printf(
        Locale.ROOT,
        "ingested %d documents as %d sources, %d chunks in %.1f s (%.1f chunks/s); %d duplicates, %d failed%n",
        docs.size(),
        ready,
        chunks,
        secs,
        chunks / secs,
        duplicates.get(),
        failed.get());
    return new Ingested(docIds, stats, secs, chunks);
  }

  static List<EvalService.Run> runs(Namespace ns, MiniRagConfiguration config) {
    List<EvalService.Run> runs = new ArrayList<>();
    for (String mode : ns.getString("modes").split(",")) {
      SearchMode m =
          SearchMode.fromWire(mode.strip().toLowerCase(Locale.ROOT))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--modes takes bm25, dense, hybrid; not " + mode));
      runs.add(new EvalService.Run(m, null, null));
    }
    List<FusionMethod> fusions =
        ns.getString("fusion") == null
            ? List.of()
            : Arrays.stream(ns.getString("fusion").split(","))
                .map(String::strip)
                .map(
                    f ->
                        FusionMethod.fromWire(f)
                            .orElseThrow(
                                () ->
                                    new IllegalArgumentException(
                                        "--fusion takes convex, rrf; not " + f)))
                .toList();
    List<Double> weights =
        ns.getString("dense_weights") == null
            ? List.of()
            : Arrays.stream(ns.getString("dense_weights").split(","))
                .map(s -> Double.parseDouble(s.strip()))
                .toList();
    if (!weights.isEmpty() && fusions.isEmpty()) {
      fusions = List.of(FusionMethod.CONVEX);
    }
    for (FusionMethod f : fusions) {
      switch (f) {
        case RRF -> runs.add(new EvalService.Run(SearchMode.HYBRID, FusionMethod.RRF, null));
        case CONVEX -> {
          for (double w :
              weights.isEmpty() ? List.of(config.getSearch().getDenseWeight()) : weights) {
            runs.add(new EvalService.Run(SearchMode.HYBRID, FusionMethod.CONVEX, w));
          }
        }
      }
    }
    return runs;
  }

  /** The report as indented JSON, its folder created when missing. */
  public static void writeJson(
      ObjectMapper mapper, Path file, Map<String, Object> report, PrintStream out)
      throws java.io.IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    out.println("wrote " + file);
  }

  public static Map<String, Object> configReport(MiniRagConfiguration c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("embeddingProvider", c.getEmbedding().getProvider());
    m.put("embeddingModel", c.getEmbedding().getModel());
    m.put("embeddingThreads", c.getEmbedding().getThreads());
    m.put("embeddingModelThreads", c.getEmbedding().getModelThreads());
    m.put("embeddingBatchSize", c.getEmbedding().getBatchSize());
    m.put("chunkTargetChars", c.getIngest().getChunkTargetChars());
    m.put("chunkOverlapChars", c.getIngest().getChunkOverlapChars());
    m.put("chunkMaxChars", c.getIngest().getChunkMaxChars());
    m.put("analyzer", c.getIndex().getAnalyzer());
    m.put("fusion", c.getSearch().getFusion().wire());
    m.put("denseWeight", c.getSearch().getDenseWeight());
    m.put("candidates", c.getSearch().getCandidates());
    m.put("efSearch", c.getSearch().getEfSearch());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.version"));
    return m;
  }

  private static String reference(String dataset, EvalService.Run run, String model) {
    if (!dataset.toLowerCase(Locale.ROOT).startsWith("scifact") || dataset.endsWith("-sample")) {
      return "";
    }
    String key = run.mode() == SearchMode.BM25 ? "bm25" : run.mode().wire() + "/" + model;
    return SCIFACT_REFERENCE.getOrDefault(key, "");
  }

  private static String f(Double d) {
    return String.format(Locale.ROOT, "%.4f", d);
  }

  private static void printTable(PrintStream out, List<String[]> rows) {
    String fmt = "%-24s %8s %9s %10s %8s %8s  %s%n";
    out.println();
    out.printf(
        Locale.ROOT,
        fmt,
        "mode",
        "nDCG@10",
        "Recall@10",
        "Recall@100",
        "MRR@10",
        "p50 ms",
        "reference nDCG@10");
    for (String[] r : rows) {
      out.printf(Locale.ROOT, fmt, (Object[]) r);
    }
    out.println();
  }

  /** Operator mistakes print one line on stderr, not a stack trace (see {@link CommandErrors}). */
  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    CommandErrors.report(cli.getStdErr(), e, () -> super.onError(cli, namespace, e));
  }
}
