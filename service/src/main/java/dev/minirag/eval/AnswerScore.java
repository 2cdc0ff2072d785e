package dev.minirag.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores answers question by question. Over answerable questions: contains-fact (the answer text
 * states an accepted fact), citation@1 (the answer's first citation is a right page), citation@5 (a
 * right page is among the first five sources shown: the answer's citations, then the other passages
 * it was drawn from), and how often it wrongly abstained. Over unanswerable questions: how often it
 * rightly abstained. Latency over all questions.
 */
public final class AnswerScore {

  public record Outcome(boolean correct, boolean citation1, boolean citation5) {}

  private static final class Tally {
    int answerable;
    int correct;
    int citation1;
    int citation5;
    int wrongAbstentions;
    int unanswerable;
    int rightAbstentions;
    int factInQuoted;
    int factRetrieved;

    Map<String, Object> report() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("answerable", answerable);
      m.put("containsFact", rate(correct, answerable));
      m.put("citationAt1", rate(citation1, answerable));
      m.put("citationAt5", rate(citation5, answerable));
      m.put("abstainedWhenAnswerable", rate(wrongAbstentions, answerable));
      m.put("factInQuotedPassages", rate(factInQuoted, answerable));
      m.put("factInRetrievedPassages", rate(factRetrieved, answerable));
      m.put("unanswerable", unanswerable);
      m.put("abstainedWhenUnanswerable", rate(rightAbstentions, unanswerable));
      return m;
    }
  }

  private final Tally all = new Tally();
  private final Map<String, Tally> byKind = new TreeMap<>();
  private final List<Double> latencies = new ArrayList<>();
  private final int quotedPassages;

  /**
   * @param quotedPassages how many of the top passages the answerer quotes from: a fact stated in
   *     them could have been quoted, one stated only in the passages below could not
   */
  public AnswerScore(int quotedPassages) {
    this.quotedPassages = quotedPassages;
  }

  public Outcome add(
      AnswerSet.Question q,
      String answer,
      boolean abstained,
      List<String> shownPages,
      int citedPages,
      double ms) {
    latencies.add(ms);
    Tally kind = byKind.computeIfAbsent(q.kind() == null ? "other" : q.kind(), k -> new Tally());
    if (!q.answerable()) {
      for (Tally t : List.of(all, kind)) {
        t.unanswerable++;
        t.rightAbstentions += abstained ? 1 : 0;
      }
      return new Outcome(abstained, false, false);
    }
    boolean correct = !abstained && q.answeredBy(answer);
    boolean c1 = citedPages > 0 && q.rightPage(shownPages.get(0));
    boolean c5 = shownPages.stream().limit(5).anyMatch(q::rightPage);
    for (Tally t : List.of(all, kind)) {
      t.answerable++;
      t.correct += correct ? 1 : 0;
      t.citation1 += c1 ? 1 : 0;
      t.citation5 += c5 ? 1 : 0;
      t.wrongAbstentions += abstained ? 1 : 0;
    }
    return new Outcome(correct, c1, c5);
  }

  /**
   * Where an answerable question's fact stands among its retrieved passages: the rank of the first
   * that states it, or null when none does.
   */
  public void located(AnswerSet.Question q, Integer factPassage) {
    if (!q.answerable()) {
      return;
    }
    Tally kind = byKind.get(q.kind() == null ? "other" : q.kind());
    for (Tally t : kind == null ? List.of(all) : List.of(all, kind)) {
      t.factInQuoted += factPassage != null && factPassage <= quotedPassages ? 1 : 0;
      t.factRetrieved += factPassage != null ? 1 : 0;
    }
  }

  public Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>(all.report());
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    m.put("askP50Ms", hundredths(percentile(sorted, 50)));
    m.put("askP95Ms", hundredths(percentile(sorted, 95)));
    Map<String, Object> kinds = new LinkedHashMap<>();
    byKind.forEach((k, t) -> kinds.put(k, t.report()));
    m.put("byKind", kinds);
    return m;
  }

  public String table() {
    StringBuilder sb = new StringBuilder();
    String fmt = "%-14s %6s %8s %8s %8s %10s %12s %10s %10s%n";
    sb.append(
        String.format(
            Locale.ROOT,
            fmt,
            "kind",
            "n",
            "fact",
            "cite@1",
            "cite@5",
            "abst.(ans)",
            "abst.(unans)",
            "fact@top" + quotedPassages,
            "fact@topK"));
    row(sb, fmt, "all", all);
    byKind.forEach((k, t) -> row(sb, fmt, k, t));
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    sb.append(
        String.format(
            Locale.ROOT,
            "ask latency: p50 %.1f ms, p95 %.1f ms over %d questions%n",
            percentile(sorted, 50),
            percentile(sorted, 95),
            sorted.length));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String fmt, String name, Tally t) {
    sb.append(
        String.format(
            Locale.ROOT,
            fmt,
            name,
            t.answerable + t.unanswerable,
            f(t.correct, t.answerable),
            f(t.citation1, t.answerable),
            f(t.citation5, t.answerable),
            f(t.wrongAbstentions, t.answerable),
            f(t.rightAbstentions, t.unanswerable),
            f(t.factInQuoted, t.answerable),
            f(t.factRetrieved, t.answerable)));
  }

  private static String f(int n, int of) {
    return of == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) n / of);
  }

  private static Double rate(int n, int of) {
    return of == 0 ? null : Math.round(10_000.0 * n / of) / 10_000.0;
  }

  private static double hundredths(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** Nearest-rank percentile. */
  static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
