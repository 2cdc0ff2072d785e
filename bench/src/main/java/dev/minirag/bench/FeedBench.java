package dev.minirag.bench;

import dev.minirag.app.Core;
import dev.minirag.cli.EvalCommand;
import dev.minirag.eval.BeirDataset;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@code feed} part: the same documents ingested into several new workspaces at once, one
 * ingest thread per workspace, and the stored chunks per second of the whole load. Run with an
 * embedder that answers at once ({@code bench/feed.sh} starts one), so that what is left to wait
 * for is the write path: PostgreSQL, the chunk change feed and this node's Lucene index. The first
 * round warms up and is reported apart; the median of the others is the figure.
 */
final class FeedBench {

  private FeedBench() {}

  static Map<String, Object> run(
      Core core, BeirDataset data, int workspaces, int batch, int rounds, PrintStream out)
      throws Exception {
    List<Double> rates = new ArrayList<>();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workspaces", workspaces);
    m.put("documentsPerWorkspace", data.corpus().size());
    m.put("batch", batch);
    m.put("embedder", core.embedder() == null ? "none" : core.embedder().model());
    for (int round = 0; round <= rounds; round++) {
      double rate = round(core, data, workspaces, batch, out, round);
      if (round == 0) {
        m.put("warmUpChunksPerSecond", Math.round(rate));
      } else {
        rates.add(rate);
      }
    }
    List<Double> sorted = rates.stream().sorted().toList();
    double median = sorted.get(sorted.size() / 2);
    m.put("roundsChunksPerSecond", rates.stream().map(Math::round).toList());
    m.put("medianChunksPerSecond", Math.round(median));
    out.printf(
        Locale.ROOT,
        "feed: %d workspaces at once, median %.0f chunks/s over %d rounds%n",
        workspaces,
        median,
        rates.size());
    return m;
  }

  /** One round: new workspaces, loaded at once, then removed; returns stored chunks per second. */
  private static double round(
      Core core, BeirDataset data, int workspaces, int batch, PrintStream out, int round)
      throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < workspaces; i++) {
      ids.add(core.workspaces().createTemporary("bench feed " + i + " " + Instant.now()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(workspaces);
    try {
      long start = System.nanoTime();
      List<Future<EvalCommand.Ingested>> loads = new ArrayList<>();
      for (UUID ws : ids) {
        loads.add(pool.submit(() -> EvalCommand.ingest(core, ws, data, batch, 1, quiet)));
      }
      long chunks = 0;
      for (Future<EvalCommand.Ingested> load : loads) {
        chunks += load.get().chunks();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(
          Locale.ROOT,
          "  %s: %d chunks in %.1f s = %.0f chunks/s%n",
          round == 0 ? "warm-up" : "round " + round,
          chunks,
          seconds,
          chunks / seconds);
      return chunks / seconds;
    } finally {
      pool.shutdownNow();
      for (UUID ws : ids) {
        core.workspaces().delete(ws);
      }
      core.index().catchUp();
    }
  }
}
