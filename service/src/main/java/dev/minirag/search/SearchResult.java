package dev.minirag.search;

import dev.minirag.documents.SourceKind;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ranked chunks with where each came from in each leg. Mode, fusion and source kinds are written as
 * their wire names and documented as the strings they always were.
 *
 * @param mode the mode that answered: bm25 when the vector leg was unavailable
 * @param fusion the fusion used (null unless mode is hybrid)
 * @param degraded why the answer is BM25-only although vectors were asked for; null otherwise
 */
public record SearchResult(
    String query,
    @Schema(implementation = String.class) SearchMode mode,
    @Schema(implementation = String.class) FusionMethod fusion,
    int k,
    List<Hit> hits,
    Timings timings,
    String degraded) {

  /**
   * @param score the fused score in hybrid mode, else the answering leg's score
   * @param bm25Rank 1-based rank in the BM25 leg, null when that leg did not return it
   * @param vectorScore cosine similarity, null when the vector leg did not return it
   */
  public record Hit(
      UUID chunkId,
      UUID sourceId,
      String sourceTitle,
      String sourceUri,
      @Schema(implementation = String.class) SourceKind sourceKind,
      String sourceFileName,
      int ordinal,
      String text,
      Map<String, Object> metadata,
      double score,
      Integer bm25Rank,
      Double bm25Score,
      Integer vectorRank,
      Double vectorScore) {}

  /** Milliseconds; a leg that did not run reports 0. The legs overlap, so they do not add up. */
  @Schema(name = "SearchTimings")
  public record Timings(
      double bm25Ms,
      double embedMs,
      double vectorMs,
      double fusionMs,
      double loadMs,
      double totalMs) {}
}
