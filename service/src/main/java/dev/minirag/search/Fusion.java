package dev.minirag.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Merges the BM25 and vector result lists. Pure functions: both lists in, one ranked list out, ties
 * broken by chunk id (as text, the order Lucene and PostgreSQL use) so every node agrees.
 */
public final class Fusion {

  /** The constant of Cormack et al.'s reciprocal rank fusion. */
  public static final int RRF_K = 60;

  /** The default weight of the vector leg in the convex combination (see docs/decisions). */
  public static final double DEFAULT_DENSE_WEIGHT = 0.6;

  /** A fused hit with its place in each leg (null where the leg did not return it). */
  public record Fused(UUID chunkId, double score, RankedHit bm25, RankedHit dense) {}

  /** Best score first, then chunk id. */
  public static final Comparator<Fused> ORDER =
      Comparator.comparingDouble(Fused::score)
          .reversed()
          .thenComparing(f -> f.chunkId().toString());

  private Fusion() {}

  /** Reciprocal rank fusion with k = 60: each leg adds {@code 1 / (60 + rank)}. */
  public static List<Fused> rrf(List<RankedHit> bm25, List<RankedHit> dense) {
    return rrf(bm25, dense, RRF_K);
  }

  public static List<Fused> rrf(List<RankedHit> bm25, List<RankedHit> dense, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("rrf k must not be negative");
    }
    Map<UUID, Double> score = new HashMap<>();
    for (RankedHit h : bm25) {
      score.merge(h.chunkId(), 1.0 / (k + h.rank()), Double::sum);
    }
    for (RankedHit h : dense) {
      score.merge(h.chunkId(), 1.0 / (k + h.rank()), Double::sum);
    }
    return assemble(bm25, dense, score);
  }

  /**
   * Convex combination {@code w * dense + (1 - w) * bm25}, each leg min-max normalized over its own
   * candidates (a leg whose candidates all score the same gives them 1); a chunk a leg did not
   * return scores 0 there.
   */
  public static List<Fused> convex(
      List<RankedHit> bm25, List<RankedHit> dense, double denseWeight) {
    if (!(denseWeight >= 0 && denseWeight <= 1)) {
      throw new IllegalArgumentException("dense weight must be within 0..1, not " + denseWeight);
    }
    Map<UUID, Double> score = new HashMap<>();
    Map<UUID, Double> bm25Norm = minMax(bm25);
    Map<UUID, Double> denseNorm = minMax(dense);
    bm25Norm.forEach((id, s) -> score.merge(id, (1 - denseWeight) * s, Double::sum));
    denseNorm.forEach((id, s) -> score.merge(id, denseWeight * s, Double::sum));
    return assemble(bm25, dense, score);
  }

  /** Min-max normalized scores; all 1 when every candidate scores the same. */
  static Map<UUID, Double> minMax(List<RankedHit> hits) {
    Map<UUID, Double> out = new LinkedHashMap<>();
    if (hits.isEmpty()) {
      return out;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (RankedHit h : hits) {
      min = Math.min(min, h.score());
      max = Math.max(max, h.score());
    }
    double range = max - min;
    for (RankedHit h : hits) {
      out.put(h.chunkId(), range > 0 ? (h.score() - min) / range : 1.0);
    }
    return out;
  }

  private static List<Fused> assemble(
      List<RankedHit> bm25, List<RankedHit> dense, Map<UUID, Double> score) {
    Map<UUID, RankedHit> bm25ById = byId(bm25);
    Map<UUID, RankedHit> denseById = byId(dense);
    List<Fused> out = new ArrayList<>(score.size());
    score.forEach((id, s) -> out.add(new Fused(id, s, bm25ById.get(id), denseById.get(id))));
    out.sort(ORDER);
    return out;
  }

  private static Map<UUID, RankedHit> byId(List<RankedHit> hits) {
    Map<UUID, RankedHit> m = new HashMap<>();
    for (RankedHit h : hits) {
      m.putIfAbsent(h.chunkId(), h);
    }
    return m;
  }
}
