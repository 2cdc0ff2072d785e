package dev.minirag.ask;

import dev.minirag.search.FusionMethod;
import dev.minirag.search.SearchFilters;
import dev.minirag.search.SearchMode;
import dev.minirag.search.SearchRequest;
import dev.minirag.search.SearchResult;
import dev.minirag.search.SearchService;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Retrieves the best passages for a question and has the answerer write a cited answer. */
public class AskService {

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

  public record Retrieval(
      SearchMode mode,
      FusionMethod fusion,
      String degraded,
      List<RetrievedHit> hits,
      SearchResult.Timings timings) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "AskTimings")
  public record Timings(double retrievalMs, double answerMs, double totalMs) {}

  public record AskResult(
      String question,
      String answer,
      boolean abstained,
      Double support,
      List<Citation> citations,
      String answerer,
      List<Integer> rejectedCitations,
      Retrieval retrieval,
      Timings timings) {}

  private final SearchService search;
  private final Answerer answerer;
  private final int defaultK;

  public AskService(SearchService search, Answerer answerer, int defaultK) {
    this.search = search;
    this.answerer = answerer;
    this.defaultK = defaultK;
  }

  /**
   * The search that finds a question's passages: its meaning as asked, its keywords without the
   * question words (measured on the answer benchmark: docs/benchmarks.md).
   */
  public static SearchRequest retrieval(String question, int k, SearchFilters filters) {
    return new SearchRequest(question, k, null, null, null, filters, null, null)
        .withKeywords(QuestionWords.removedFrom(question));
  }

  public AskResult ask(
      UUID workspace, String question, Integer k, SearchFilters filters, Consumer<String> tokens) {
    long start = System.nanoTime();
    SearchResult found =
        search.search(workspace, retrieval(question, k == null ? defaultK : k, filters));
    long retrieved = System.nanoTime();
    List<Passage> passages = new ArrayList<>();
    List<RetrievedHit> debug = new ArrayList<>();
    for (SearchResult.Hit h : found.hits()) {
      int n = passages.size() + 1;
      passages.add(
          new Passage(
              n,
              h.chunkId(),
              h.sourceId(),
              h.sourceTitle(),
              h.sourceUri(),
              h.sourceFileName(),
              h.text(),
              h.metadata(),
              h.score()));
      debug.add(
          new RetrievedHit(
              n,
              h.chunkId(),
              h.sourceId(),
              h.sourceTitle(),
              h.score(),
              h.bm25Rank(),
              h.bm25Score(),
              h.vectorRank(),
              h.vectorScore()));
    }
    Answerer.Answer answer = answerer.answer(question, passages, tokens);
    long done = System.nanoTime();
    return new AskResult(
        question,
        answer.text(),
        answer.abstained(),
        answer.support(),
        answer.citations(),
        answerer.name(),
        answer.rejectedCitations(),
        new Retrieval(found.mode(), found.fusion(), found.degraded(), debug, found.timings()),
        new Timings(ms(retrieved - start), ms(done - retrieved), ms(done - start)));
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
