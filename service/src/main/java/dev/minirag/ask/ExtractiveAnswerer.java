package dev.minirag.ask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Works offline: picks the sentences of the top passages that best cover the question's terms
 * (weighted by how rare each term is among the candidates, nudged by passage rank), keeps them
 * verbatim, and cites each one. Nothing is generated, so nothing can be invented.
 */
public class ExtractiveAnswerer implements Answerer {
  static final String NO_ANSWER = "I could not find an answer to that in this workspace's documents.";

  private final Analyzer analyzer = new EnglishAnalyzer();
  private final int maxSentences;
  private final int maxChars;
  private final int passagesConsidered;

  public ExtractiveAnswerer(int maxSentences, int maxChars, int passagesConsidered) {
    this.maxSentences = maxSentences;
    this.maxChars = maxChars;
    this.passagesConsidered = passagesConsidered;
  }

  record Sentence(Passage passage, String text, int start, int end, Set<String> terms) {}

  record Scored(Sentence sentence, double score) {}

  @Override
  public String name() {
    return "extractive";
  }

  @Override
  public Answer answer(String question, List<Passage> passages, Consumer<String> tokens) {
    Set<String> asked = terms(question);
    List<Sentence> candidates = new ArrayList<>();
    passages.stream().limit(passagesConsidered).forEach(p -> candidates.addAll(sentences(p)));
    Map<String, Double> idf = idf(asked, candidates);
    double total = asked.stream().mapToDouble(t -> idf.getOrDefault(t, 0.0)).sum();
    if (total == 0) {
      tokens.accept(NO_ANSWER);
      return new Answer(NO_ANSWER, List.of(), List.of());
    }
    List<Scored> ranked = candidates.stream()
        .map(s -> new Scored(s, score(s, asked, idf, total)))
        .filter(s -> s.score() > 0)
        .sorted(Comparator.comparingDouble(Scored::score).reversed()
            .thenComparingInt(s -> s.sentence().passage().n())
            .thenComparingInt(s -> s.sentence().start()))
        .toList();
    List<Sentence> chosen = choose(ranked);
    if (chosen.isEmpty()) {
      tokens.accept(NO_ANSWER);
      return new Answer(NO_ANSWER, List.of(), List.of());
    }
    StringBuilder answer = new StringBuilder();
    Map<Integer, Citation> citations = new LinkedHashMap<>();
    for (Sentence s : chosen) {
      String piece = (answer.length() == 0 ? "" : " ") + s.text() + " [" + s.passage().n() + "]";
      answer.append(piece);
      tokens.accept(piece);
      citations.putIfAbsent(s.passage().n(), Citation.of(s.passage(), s.text(), s.start(), s.end()));
    }
    return new Answer(answer.toString(), List.copyOf(citations.values()), List.of());
  }

  private double score(Sentence s, Set<String> asked, Map<String, Double> idf, double total) {
    double covered = 0;
    for (String t : asked) {
      if (s.terms().contains(t)) {
        covered += idf.getOrDefault(t, 0.0);
      }
    }
    if (covered == 0) {
      return 0;
    }
    // Coverage dominates; earlier (better retrieved) passages win ties and near-ties.
    return covered / total + 0.1 / s.passage().n();
  }

  private List<Sentence> choose(List<Scored> ranked) {
    List<Sentence> chosen = new ArrayList<>();
    int chars = 0;
    for (Scored candidate : ranked) {
      Sentence s = candidate.sentence();
      if (chosen.size() >= maxSentences || (chars > 0 && chars + s.text().length() > maxChars)) {
        break;
      }
      if (chosen.stream().anyMatch(c -> similar(c.terms(), s.terms()))) {
        continue;
      }
      chosen.add(s);
      chars += s.text().length();
    }
    return chosen;
  }

  private static boolean similar(Set<String> a, Set<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    Set<String> either = new HashSet<>(a);
    either.addAll(b);
    return !either.isEmpty() && (double) both.size() / either.size() > 0.8;
  }

  private static Map<String, Double> idf(Set<String> asked, List<Sentence> sentences) {
    Map<String, Double> idf = new HashMap<>();
    int n = sentences.size();
    for (String t : asked) {
      long df = sentences.stream().filter(s -> s.terms().contains(t)).count();
      if (df > 0) {
        idf.put(t, Math.log(1 + (double) n / df));
      }
    }
    return idf;
  }

  private List<Sentence> sentences(Passage p) {
    List<Sentence> out = new ArrayList<>();
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    String text = p.text();
    it.setText(text);
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      String raw = text.substring(start, end);
      String trimmed = raw.strip();
      if (trimmed.length() < 15) {
        continue;
      }
      int from = start + raw.indexOf(trimmed);
      out.add(new Sentence(p, trimmed, from, from + trimmed.length(), terms(trimmed)));
    }
    return out;
  }

  Set<String> terms(String text) {
    Set<String> out = new HashSet<>();
    try (TokenStream ts = analyzer.tokenStream("q", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
