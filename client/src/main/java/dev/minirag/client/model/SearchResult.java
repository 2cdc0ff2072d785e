package dev.minirag.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/**
 * Ranked chunks, with each one's rank and score in each leg.
 *
 * @param mode the mode that answered (bm25 when vectors were unavailable)
 * @param degraded why the answer is BM25 only although vectors were asked for; null otherwise
 */
public record SearchResult(
    String query,
    String mode,
    String fusion,
    int k,
    List<Hit> hits,
    Timings timings,
    String degraded) {

  public record Hit(
      UUID chunkId,
      UUID sourceId,
      String sourceTitle,
      String sourceUri,
      String sourceKind,
      String sourceFileName,
      int ordinal,
      String text,
      JsonNode metadata,
      double score,
      Integer bm25Rank,
      Double bm25Score,
      Integer vectorRank,
      Double vectorScore) {}

  /** Milliseconds; the legs run concurrently, so they do not add up. */
  public record Timings(
      double bm25Ms,
      double embedMs,
      double vectorMs,
      double fusionMs,
      double loadMs,
      double totalMs) {}
}
