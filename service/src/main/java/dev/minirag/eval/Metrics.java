package dev.minirag.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranking metrics with trec_eval's semantics (as BEIR's pytrec_eval computes them): nDCG@10 with
 * the judged grade as gain and {@code log2(rank + 1)} discount, the ideal ranking built from every
 * judged relevant document; Recall@k over all relevant documents; MRR@10 the reciprocal rank of the
 * first relevant document within the top 10 (0 when none). Averages are over judged queries; a
 * query that retrieved nothing counts as 0.
 */
public final class Metrics {

  public static final List<String> NAMES = List.of("ndcg@10", "recall@10", "recall@100", "mrr@10");

  private Metrics() {}

  /** The four metrics of one query, from its ranked document ids (best first, no repeats). */
  public static Map<String, Double> score(List<String> ranked, Map<String, Integer> relevant) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("ndcg@10", ndcg(ranked, relevant, 10));
    m.put("recall@10", recall(ranked, relevant, 10));
    m.put("recall@100", recall(ranked, relevant, 100));
    m.put("mrr@10", mrr(ranked, relevant, 10));
    return m;
  }

  public static double ndcg(List<String> ranked, Map<String, Integer> relevant, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      int g = relevant.getOrDefault(ranked.get(i), 0);
      if (g > 0) {
        dcg += g / log2(i + 2);
      }
    }
    List<Integer> ideal = new ArrayList<>(relevant.values());
    ideal.removeIf(g -> g <= 0);
    ideal.sort((a, b) -> b - a);
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  public static double recall(List<String> ranked, Map<String, Integer> relevant, int k) {
    long total = relevant.values().stream().filter(g -> g > 0).count();
    if (total == 0) {
      return 0;
    }
    long found = ranked.stream().limit(k).filter(d -> relevant.getOrDefault(d, 0) > 0).count();
    return (double) found / total;
  }

  public static double mrr(List<String> ranked, Map<String, Integer> relevant, int k) {
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.getOrDefault(ranked.get(i), 0) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  /** Mean of each metric over the queries, rounded to 4 decimals as trec_eval prints. */
  public static Map<String, Double> mean(List<Map<String, Double>> perQuery) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : NAMES) {
      double sum = 0;
      for (Map<String, Double> q : perQuery) {
        sum += q.getOrDefault(name, 0.0);
      }
      out.put(name, perQuery.isEmpty() ? 0 : Math.round(sum / perQuery.size() * 10_000) / 10_000.0);
    }
    return out;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
