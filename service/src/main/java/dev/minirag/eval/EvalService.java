package dev.minirag.eval;

import dev.minirag.search.FusionMethod;
import dev.minirag.search.SearchMode;
import dev.minirag.search.SearchRequest;
import dev.minirag.search.SearchResult;
import dev.minirag.search.SearchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Scores the product's own search on judged queries: every query goes through {@link SearchService}
 * exactly as {@code POST /api/v1/search} sends it (top {@link SearchService#MAX_K} chunks), chunks
 * are folded into documents (a document ranks where its best chunk ranks), and the ranking is
 * scored with {@link Metrics}. Shared by the {@code eval} command and {@code POST /api/v1/eval}.
 */
public final class EvalService {

  /**
   * One way of searching: a mode and, for hybrid, a fusion and dense weight (null: configured
   * default).
   */
  public record Run(SearchMode mode, FusionMethod fusion, Double denseWeight) {
    public String label() {
      if (mode != SearchMode.HYBRID || fusion == null) {
        return mode.wire();
      }
      return fusion == FusionMethod.RRF ? "hybrid-rrf" : "hybrid-convex-" + denseWeight;
    }
  }

  /**
   * @param metrics the means over judged queries
   * @param degraded queries the vector leg could not answer (answered with BM25 only)
   * @param p50Ms median in-process search latency
   */
  public record Outcome(
      Map<String, Double> metrics, int queries, int degraded, double p50Ms, double p95Ms) {}

  private final SearchService search;

  public EvalService(SearchService search) {
    this.search = Objects.requireNonNull(search, "search");
  }

  /**
   * @param docIds the judged document id(s) a source stands for (several when duplicates were
   *     merged)
   * @param progress told the number of queries done so far
   */
  public Outcome run(
      UUID workspace,
      Map<String, String> queries,
      Map<String, Map<String, Integer>> qrels,
      Run run,
      Function<UUID, List<String>> docIds,
      IntConsumer progress) {
    List<Map<String, Double>> perQuery = new ArrayList<>();
    int degraded = 0;
    long[] nanos = new long[queries.size()];
    int i = 0;
    for (Map.Entry<String, String> q : queries.entrySet()) {
      Map<String, Integer> relevant = qrels.get(q.getKey());
      if (relevant == null || relevant.isEmpty()) {
        continue;
      }
      long t = System.nanoTime();
      SearchResult r =
          search.search(
              workspace,
              SearchRequest.of(q.getValue(), SearchService.MAX_K, run.mode())
                  .withFusion(run.fusion(), run.denseWeight()));
      nanos[i++] = System.nanoTime() - t;
      if (r.degraded() != null) {
        degraded++;
      }
      perQuery.add(Metrics.score(documents(r, docIds), relevant));
      progress.accept(i);
    }
    long[] done = Arrays.copyOf(nanos, i);
    Arrays.sort(done);
    return new Outcome(
        Metrics.mean(perQuery),
        perQuery.size(),
        degraded,
        percentileMs(done, 50),
        percentileMs(done, 95));
  }

  /** Documents in the order of their best chunk. */
  static List<String> documents(SearchResult r, Function<UUID, List<String>> docIds) {
    Set<String> seen = new LinkedHashSet<>();
    for (SearchResult.Hit h : r.hits()) {
      seen.addAll(docIds.apply(h.sourceId()));
    }
    return List.copyOf(seen);
  }

  public static double percentileMs(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return Math.round(sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 10_000.0) / 100.0;
  }
}
