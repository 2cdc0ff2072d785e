package dev.minirag.client.model;

import java.util.List;
import java.util.UUID;

/**
 * An answer with numbered citations ({@code [1]} in the answer text is {@code citations} entry
 * {@code n = 1}).
 *
 * @param abstained true when the documents did not answer the question (the citations are then the
 *     closest passages to read)
 * @param answerer extractive or the chat model's name
 * @param rejectedCitations citation numbers a chat model wrote that point at no retrieved passage
 */
public record AskResult(
    String question,
    String answer,
    boolean abstained,
    Double support,
    List<Citation> citations,
    String answerer,
    List<Integer> rejectedCitations,
    Retrieval retrieval,
    Timings timings) {

  /**
   * Where a statement of the answer comes from.
   *
   * @param snippetStart offset of the cited sentence in the chunk text
   * @param page PDF page or slide
   * @param startSeconds start of the subtitle cues the sentence spans
   * @param section nearest heading above the passage
   */
  public record Citation(
      int n,
      UUID sourceId,
      UUID chunkId,
      String title,
      String uri,
      String fileName,
      Integer page,
      Double startSeconds,
      Double endSeconds,
      String section,
      String snippet,
      Integer snippetStart,
      Integer snippetEnd,
      double score) {}

  public record Retrieval(
      String mode,
      String fusion,
      String degraded,
      List<RetrievedHit> hits,
      SearchResult.Timings timings) {}

  public record RetrievedHit(
      int n,
      UUID chunkId,
      UUID sourceId,
      String title,
      double score,
      Integer bm25Rank,
      Double bm25Score,
      Integer vectorRank,
      Double vectorScore) {}

  /** Milliseconds. */
  public record Timings(double retrievalMs, double answerMs, double totalMs) {}
}
