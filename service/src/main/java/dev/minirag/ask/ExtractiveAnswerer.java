package dev.minirag.ask;

import dev.minirag.embedding.Embedder;
import dev.minirag.embedding.EmbeddingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works offline: quotes the sentences of the top passages that best answer the question, verbatim,
 * and cites each one. Nothing is generated, so nothing can be invented. A sentence is scored on how
 * much of the question's rare vocabulary it (or the heading or term above it) covers, on its
 * meaning's similarity to the question under the embedding model, on whether it states the kind of
 * thing asked for (a number for "how many", a version for "since when"), and on its passage's
 * retrieval rank. The best sentence comes first. When no sentence covers the question well enough
 * the answerer says so and offers the closest passages instead of quoting unrelated text.
 */
public class ExtractiveAnswerer implements Answerer {
  static final String NO_ANSWER =
      "I could not find an answer to that in this workspace's documents.";
  static final String NOT_FOUND = "I could not find this in your documents.";
  private static final Logger LOG = LoggerFactory.getLogger(ExtractiveAnswerer.class);

  /**
   * @param passages how many of the top passages sentences are taken from
   * @param embedded how many of the lexically best sentences are compared by meaning too
   * @param lexical weight of question-term coverage
   * @param dense weight of the sentence's cosine similarity to the question
   * @param type weight of fitting the question's answer type
   * @param rank weight of the passage's retrieval rank (1/rank)
   * @param label share of a term's weight earned when it is only in the sentence's heading or term
   * @param paragraph share earned when it is only in another sentence of the same paragraph
   * @param abstainBelow when the best sentence's coverage and similarity are both under this
   *     ({@link #confident}), the answer is "not found"; 0 turns abstaining off altogether, the
   *     rule about unmentioned names ({@link #namesSomethingUnmentioned}) included
   * @param sides whether a comparing question gets a sentence for each side ({@link Comparison})
   * @param summary whether a "what is/does X" question is answered first by the line that sums X up
   *     ("git-rerere - Reuse recorded resolution of conflicted merges")
   * @param option whether a "how do I" question prefers the description of an option or setting (a
   *     sentence under a term such as "--force-with-lease" or "core.editor"), shown with that term,
   *     since the term is the answer ({@link Options})
   * @param named whether a sentence under the term of an option the question names ("--pretty",
   *     "pack.window", or a subcommand: "git stash clear") counts that term's words as fully as its
   *     own, and earns the answer-type weight once more: that entry is where the option's facts are
   *     stated
   * @param optionTerms whether an option's term with placeholders ("--pretty[=&lt;format&gt;]")
   *     labels its description, with its aliases ({@link Sentences#split(String, boolean)})
   * @param entries whether each side of a comparing question is answered first by the opening
   *     sentence of that side's own entry (the description under a term such as "--soft" or "apply
   *     [&lt;stash&gt;]"), when a retrieved passage has one ({@link Comparison#isEntryOf})
   * @param subcommands whether a subcommand's term with placeholders ("add &lt;path&gt;") labels
   *     its description as an option's does, and a "how do I" question counts that description as
   *     an option's ({@link Options#isSubcommand})
   * @param questionWords whether the question's own wording ("how", "do", "I", "which") is left out
   *     of the terms a sentence must cover: documents rarely repeat it, so it would count as a rare
   *     term missing from every sentence
   * @param faq how close in meaning (cosine) a FAQ's question must be to the asked one for its
   *     answer to lead ({@link #faq}); 0 turns it off
   */
  public record Settings(
      int maxSentences,
      int maxChars,
      int passages,
      int embedded,
      double lexical,
      double dense,
      double type,
      double rank,
      double label,
      double paragraph,
      double abstainBelow,
      boolean sides,
      boolean summary,
      boolean option,
      boolean named,
      boolean optionTerms,
      boolean entries,
      boolean subcommands,
      boolean questionWords,
      double faq) {

    public static Settings defaults(int maxSentences, int maxChars) {
      return new Settings(
          maxSentences,
          maxChars,
          5,
          12,
          0.5,
          0.35,
          0.1,
          0.05,
          0.6,
          0.5,
          0.3,
          true,
          true,
          true,
          true,
          true,
          true,
          true,
          true,
          0.9);
    }

    /**
     * The same settings with signals switched off, for ablations: dense, type, rank, label,
     * abstain, or several joined by "+".
     */
    public Settings without(String signals) {
      Settings s = this;
      for (String signal : signals.split("\\+")) {
        s = s.without1(signal.strip());
      }
      return s;
    }

    /**
     * The same settings with numeric parameters changed, for measuring them: "passages=8",
     * "embedded=24", or several joined by "+" (passages, embedded, lexical, dense, type, rank,
     * label, paragraph, abstain, faq).
     */
    public Settings with(String assignments) {
      Map<String, Double> v = new LinkedHashMap<>();
      v.put("passages", (double) passages);
      v.put("embedded", (double) embedded);
      v.put("lexical", lexical);
      v.put("dense", dense);
      v.put("type", type);
      v.put("rank", rank);
      v.put("label", label);
      v.put("paragraph", paragraph);
      v.put("abstain", abstainBelow);
      v.put("faq", faq);
      for (String assignment : assignments.split("\\+")) {
        String[] kv = assignment.strip().split("=", 2);
        if (kv.length != 2 || !v.containsKey(kv[0].strip())) {
          throw new IllegalArgumentException(
              "not a setting=value: " + assignment + " (settings: " + v.keySet() + ")");
        }
        double value;
        try {
          value = Double.parseDouble(kv[1].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a number: " + assignment, e);
        }
        if (value < 0 || !Double.isFinite(value)) {
          throw new IllegalArgumentException("must be 0 or more: " + assignment);
        }
        v.put(kv[0].strip(), value);
      }
      return new Settings(
          maxSentences,
          maxChars,
          Math.max(1, v.get("passages").intValue()),
          v.get("embedded").intValue(),
          v.get("lexical"),
          v.get("dense"),
          v.get("type"),
          v.get("rank"),
          v.get("label"),
          v.get("paragraph"),
          v.get("abstain"),
          sides,
          summary,
          option,
          named,
          optionTerms,
          entries,
          subcommands,
          questionWords,
          v.get("faq"));
    }

    private Settings without1(String signal) {
      switch (signal) {
        case "dense" -> {
          return with("embedded=0+dense=0");
        }
        case "type", "rank", "label", "paragraph", "abstain", "faq" -> {
          return with(signal + "=0");
        }
        default -> {}
      }
      boolean withSides = sides;
      boolean withSummary = summary;
      boolean withOption = option;
      boolean withNamed = named;
      boolean withOptionTerms = optionTerms;
      boolean withQuestionWords = questionWords;
      boolean withEntries = entries;
      boolean withSubcommands = subcommands;
      switch (signal) {
        case "sides" -> withSides = false;
        case "summary" -> withSummary = false;
        case "option" -> withOption = false;
        case "named" -> withNamed = false;
        case "optterm" -> withOptionTerms = false;
        case "qwords" -> withQuestionWords = false;
        case "entry" -> withEntries = false;
        case "subcmd" -> withSubcommands = false;
        default ->
            throw new IllegalArgumentException(
                "unknown answer signal: "
                    + signal
                    + " (dense, type, rank, label, paragraph, abstain, sides, summary, option,"
                    + " named, optterm, entry, subcmd, qwords, faq)");
      }
      return new Settings(
          maxSentences,
          maxChars,
          passages,
          embedded,
          lexical,
          dense,
          type,
          rank,
          label,
          paragraph,
          abstainBelow,
          withSides,
          withSummary,
          withOption,
          withNamed,
          withOptionTerms,
          withEntries,
          withSubcommands,
          withQuestionWords,
          faq);
    }
  }

  /**
   * A sentence that may be quoted; {@code label} and {@code paragraph} hold the terms around it;
   * {@code previous} and {@code next} are the pieces before and after it in the passage (null at
   * either end): the previous one is shown with it when the sentence refers back to it ("Currently,
   * this is the default."), the next one when the sentence introduces it.
   */
  record Candidate(
      Passage passage,
      Sentences.Sentence sentence,
      Set<String> own,
      Set<String> label,
      Set<String> paragraph,
      Sentences.Sentence previous,
      Sentences.Sentence next) {

    /** The sentence, and what it introduces when it ends with a colon. */
    Sentences.Sentence quoted() {
      return sentence.introduces() && next != null ? joined(sentence, next, sentence) : sentence;
    }
  }

  record Scored(Candidate candidate, double coverage, double similarity, double score) {}

  /** "name - what it is", as a manual page's NAME line or a module's heading line states it. */
  private static final java.util.regex.Pattern SUMMARY =
      java.util.regex.Pattern.compile(
          "([\\w.+-]{1,60}(?: [\\w.+-]{1,60}){0,3}) [-\u2013\u2014] (.{10,300})");

  /**
   * FAQ questions compared with the asked one, at most, in passage order: each is embedded during
   * the request, and a page of questions (a list of links to them) should not cost seconds.
   */
  private static final int MAX_FAQ_QUESTIONS = 24;

  /** The X of "what is (a) X?". */
  private static final java.util.regex.Pattern DEFINED =
      java.util.regex.Pattern.compile("what (?:is|are) (?:a |an |the )?([^?]{1,60})\\?");

  /** What a "what is/does X do/mean/for" question says besides X, as analyzed terms. */
  private static final Set<String> QUESTION_WORDS =
      Set.of("what", "doe", "do", "mean", "stand", "command", "check", "purpos");

  private final Analyzer analyzer = new EnglishAnalyzer();

  /** The question words, analyzed as question terms are. */
  private final Set<String> questionTerms = terms(QuestionWords.LIST);

  private final Settings settings;
  private final Embedder embedder;

  /**
   * @param embedder the configured embedding model, or null to rank by words alone
   */
  public ExtractiveAnswerer(Settings settings, Embedder embedder) {
    this.settings = settings;
    this.embedder = embedder;
  }

  @Override
  public String name() {
    return "extractive";
  }

  @Override
  public Answer answer(String question, List<Passage> passages, Consumer<String> tokens) {
    Set<String> asked = asked(question);
    List<Candidate> candidates = new ArrayList<>();
    for (Passage p : passages.subList(0, Math.min(passages.size(), settings.passages()))) {
      candidates.addAll(candidates(p));
    }
    if (asked.isEmpty() || candidates.isEmpty()) {
      return notFound(passages, tokens, 0.0);
    }
    if (settings.abstainBelow() > 0 && namesSomethingUnmentioned(question, passages)) {
      return notFound(passages, tokens, 0.0);
    }
    Supplier<float[]> questionVector = once(() -> embedder.embedQuery(question));
    List<Scored> ranked = rank(question, questionVector, asked, candidates);
    double support = ranked.stream().mapToDouble(Scored::coverage).max().orElse(0);
    AnswerType type = AnswerType.of(question);
    // Summary lines and comparison entries are looked for in every retrieved passage, not only
    // those quoted from: both often sit in a short passage that ranks below longer prose. The rest
    // are split once, when first needed.
    Supplier<List<Candidate>> everyPassage = once(() -> withUnquoted(candidates, passages));
    // The line that sums up exactly what was asked about is evidence enough on its own.
    Candidate summary =
        settings.summary() && type == AnswerType.DEFINITION
            ? summary(question, everyPassage, asked)
            : null;
    if (summary == null && (ranked.isEmpty() || !confident(ranked.get(0)))) {
      return notFound(passages, tokens, support);
    }
    List<Candidate> chosen = ranked.isEmpty() ? List.of() : choose(ranked);
    Optional<Comparison> comparison = Comparison.of(question, this::terms);
    if (settings.entries()) {
      chosen = entries(chosen, everyPassage, comparison);
    }
    if (settings.sides()) {
      chosen = bothSides(chosen, ranked, comparison);
    }
    List<Candidate> faq =
        settings.faq() > 0 && !ranked.isEmpty() ? faq(questionVector, everyPassage) : List.of();
    if (!faq.isEmpty()) {
      chosen = leading(faq, chosen);
    }
    if (summary != null) {
      chosen = leading(summary, chosen);
    }
    return quote(complete(chosen, ranked, type), asked, type, tokens, support);
  }

  private List<Candidate> candidates(Passage p) {
    List<Sentences.Sentence> sentences =
        Sentences.split(p.text(), settings.optionTerms(), settings.subcommands());
    Map<Integer, Set<String>> paragraphs = new HashMap<>();
    List<Set<String>> own = new ArrayList<>();
    for (Sentences.Sentence s : sentences) {
      Set<String> t = terms(s.display());
      own.add(t);
      paragraphs.computeIfAbsent(s.paragraph(), k -> new HashSet<>()).addAll(t);
    }
    // One label stands above many sentences: analyse it once.
    Map<String, Set<String>> labels = new HashMap<>();
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      Sentences.Sentence s = sentences.get(i);
      if (s.quotable()) {
        Set<String> label =
            s.label() == null ? Set.of() : labels.computeIfAbsent(s.label(), this::terms);
        out.add(
            new Candidate(
                p,
                s,
                own.get(i),
                label,
                paragraphs.get(s.paragraph()),
                i > 0 ? sentences.get(i - 1) : null,
                i + 1 < sentences.size() ? sentences.get(i + 1) : null));
      }
    }
    return out;
  }

  /**
   * Whether the question names something (a dotted or camel-case identifier such as a setting, or a
   * capitalised name inside the question) that none of the passages mentions: then the passages are
   * about something else, however many other words they share with it.
   */
  static boolean namesSomethingUnmentioned(String question, List<Passage> passages) {
    List<String> names = Names.in(question);
    if (names.isEmpty()) {
      return false;
    }
    List<String> texts =
        passages.stream()
            .map(
                p ->
                    (java.util.Objects.toString(p.title(), "") + " " + p.text())
                        .toLowerCase(java.util.Locale.ROOT))
            .toList();
    // A command is written "git undo" in prose and "git-undo" in a manual page's name.
    return names.stream()
        .anyMatch(
            n -> texts.stream().noneMatch(t -> t.contains(n) || t.contains(n.replace(' ', '-'))));
  }

  /**
   * Whether the best sentence is evidence at all: enough of the question's words, or close in
   * meaning.
   */
  private boolean confident(Scored best) {
    double t = settings.abstainBelow();
    return best.coverage() >= t || best.similarity() >= t + 0.3;
  }

  private List<Scored> rank(
      String question,
      Supplier<float[]> questionVector,
      Set<String> asked,
      List<Candidate> candidates) {
    Map<String, Double> idf = idf(asked, candidates);
    double total = idf.values().stream().mapToDouble(Double::doubleValue).sum();
    AnswerType type = AnswerType.of(question);
    List<String> named = settings.named() ? Options.named(question) : List.of();
    String lowerCased = question.toLowerCase(Locale.ROOT);
    List<Scored> lexical = new ArrayList<>();
    for (Candidate c : candidates) {
      // The description under the very option the question names is about it as much as if it
      // repeated the option's name, and is where its facts are stated.
      boolean inNamed =
          Options.names(c.sentence().label(), named)
              || settings.named()
                  && Options.namesSubcommand(lowerCased, c.passage().title(), c.sentence().label());
      double label = inNamed ? 1 : settings.label();
      double covered = 0;
      for (String t : asked) {
        if (c.own().contains(t)) {
          covered += idf.get(t);
        } else if (c.label().contains(t)) {
          covered += label * idf.get(t);
        } else if (c.paragraph().contains(t)) {
          covered += settings.paragraph() * idf.get(t);
        }
      }
      double coverage = covered / total;
      // The kind of fact counts only for a sentence about the question: "This is the default."
      // under an unrelated setting states a default, but not the one asked for. A sentence is
      // judged with what it introduces: "… is done by executing the command venv:" shows the
      // command line below it.
      boolean about = asked.stream().anyMatch(t -> c.own().contains(t) || c.label().contains(t));
      double score =
          settings.lexical() * coverage
              + settings.type()
                  * (about && (type.fits(c.quoted().display()) || describesOption(c, type)) ? 1 : 0)
              + settings.type() * (inNamed ? 1 : 0)
              + settings.rank() / c.passage().n();
      lexical.add(new Scored(c, coverage, 0, score));
    }
    lexical.sort(Comparator.comparingDouble(Scored::score).reversed());
    int compared =
        Math.min(lexical.size(), Math.max(settings.embedded(), settings.maxSentences() * 4));
    List<Scored> top = withSimilarity(questionVector, lexical.subList(0, compared));
    top.sort(
        Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparingInt(s -> s.candidate().passage().n())
            .thenComparingInt(s -> s.candidate().sentence().start()));
    // The rest follow in their word-score order: an answer may still need one to complete it.
    top.addAll(lexical.subList(compared, lexical.size()));
    return top.stream().filter(s -> s.coverage() > 0 || s.similarity() > 0).toList();
  }

  /**
   * Adds the meaning signal to the lexically best sentences; without a model, their order stands.
   */
  private List<Scored> withSimilarity(Supplier<float[]> questionVector, List<Scored> top) {
    if (embedder == null || settings.dense() == 0 || settings.embedded() == 0 || top.isEmpty()) {
      return new ArrayList<>(top);
    }
    List<float[]> vectors;
    float[] q;
    try {
      q = questionVector.get();
      vectors =
          embedder.embedDocuments(
              top.stream().map(s -> withLabel(s.candidate().sentence())).toList());
    } catch (EmbeddingException | IllegalArgumentException e) {
      LOG.warn(
          "Answer sentences ranked by words only: the embedding model failed ({})", e.getMessage());
      return new ArrayList<>(top);
    }
    List<Scored> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      Scored s = top.get(i);
      double sim = dot(q, vectors.get(i));
      out.add(new Scored(s.candidate(), s.coverage(), sim, s.score() + settings.dense() * sim));
    }
    return out;
  }

  private static String withLabel(Sentences.Sentence s) {
    return s.label() == null ? s.display() : s.label() + ": " + s.display();
  }

  /**
   * The best sentence, then the sentence right after it when that continues the same paragraph and
   * still scores well, then other good sentences; never near-duplicates, never past the limits.
   */
  private List<Candidate> choose(List<Scored> ranked) {
    Scored best = ranked.get(0);
    List<Candidate> chosen = new ArrayList<>(List.of(best.candidate()));
    int chars = best.candidate().sentence().display().length();
    for (Scored s : ranked.subList(1, ranked.size())) {
      Candidate c = s.candidate();
      if (chosen.size() >= settings.maxSentences()
          || chars + c.sentence().display().length() > settings.maxChars()) {
        break;
      }
      boolean follows =
          c.passage() == best.candidate().passage()
              && c.sentence().paragraph() == best.candidate().sentence().paragraph()
              && c.sentence().start() > best.candidate().sentence().start();
      if (s.score() < (follows ? 0.6 : 0.8) * best.score()
          || chosen.stream().anyMatch(x -> similar(x, c))) {
        continue;
      }
      chosen.add(c);
      chars += c.sentence().display().length();
    }
    return chosen;
  }

  /**
   * The chosen sentences in order, each with its citation. A sentence that matched the question
   * only through its heading or term ("Defaults to 10." under "pack.window") is shown with it, so
   * the answer says what it is about.
   */
  /**
   * For a comparing question whose chosen sentences speak of one side only, the best sentence that
   * speaks of the other comes second, whatever its score: the answer needs both halves.
   */
  private List<Candidate> bothSides(
      List<Candidate> chosen, List<Scored> ranked, Optional<Comparison> comparison) {
    if (comparison.isEmpty()) {
      return chosen;
    }
    for (Comparison.Side side : List.of(comparison.get().first(), comparison.get().second())) {
      if (chosen.stream().anyMatch(c -> Comparison.speaksOf(side, c))) {
        continue;
      }
      for (Scored s : ranked) {
        if (Comparison.speaksOf(side, s.candidate())) {
          chosen = withSecond(chosen, s.candidate());
          break;
        }
      }
    }
    return chosen;
  }

  /**
   * For a comparing question, the opening sentence of each side's own entry leads, in the order the
   * question names the sides ("--soft: Does not touch the index file…", then "--mixed: Resets the
   * index but not the working tree…"); the other chosen sentences follow within the limit.
   * Candidates are in passage rank and then text order, so the first one under an entry is its
   * opening in the best-ranked passage holding it; all retrieved passages are searched.
   */
  private List<Candidate> entries(
      List<Candidate> chosen,
      Supplier<List<Candidate>> everyPassage,
      Optional<Comparison> comparison) {
    if (comparison.isEmpty()) {
      return chosen;
    }
    List<Candidate> all = everyPassage.get();
    List<Candidate> out = new ArrayList<>();
    for (Comparison.Side side : List.of(comparison.get().first(), comparison.get().second())) {
      all.stream()
          .filter(c -> Comparison.isEntryOf(side, c.sentence().label(), this::terms))
          .findFirst()
          .filter(c -> !out.contains(c))
          .ifPresent(out::add);
    }
    if (out.isEmpty()) {
      return chosen;
    }
    chosen.stream().filter(x -> !out.contains(x)).forEach(out::add);
    return out.subList(0, Math.min(out.size(), settings.maxSentences()));
  }

  /**
   * The line that sums up what the question asks about ("git-shell - Restricted login shell for
   * Git-only SSH access"), if a retrieved passage has one: its subject names every word of the
   * question that is not a question word, and nothing else. Failing that, for "what is X", the
   * opening of X's own entry: the first sentence under a term that is X as asked ("dangling object"
   * in a glossary; a heading "Dangling objects" is about them, not their definition).
   */
  private Candidate summary(
      String question, Supplier<List<Candidate>> everyPassage, Set<String> asked) {
    Set<String> subject = new HashSet<>(asked);
    subject.removeAll(QUESTION_WORDS);
    if (subject.isEmpty()) {
      return null;
    }
    for (Candidate c : everyPassage.get()) {
      java.util.regex.Matcher m = SUMMARY.matcher(c.sentence().display());
      if (m.matches() && terms(m.group(1)).equals(subject)) {
        return c;
      }
    }
    java.util.regex.Matcher defined = DEFINED.matcher(question.strip().toLowerCase(Locale.ROOT));
    if (!defined.matches()) {
      return null;
    }
    return everyPassage.get().stream()
        .filter(
            c ->
                c.sentence().label() != null
                    && c.sentence()
                        .label()
                        .strip()
                        .toLowerCase(Locale.ROOT)
                        .equals(defined.group(1)))
        .findFirst()
        .orElse(null);
  }

  /**
   * The opening sentences of the answer to a FAQ's question that asks what the user asks ("I've
   * made a mistake in the last commit. How do I change it?" for "How do I fix my last commit?"),
   * when a retrieved passage has one: the documents' own answer to it, in its order. The FAQ's
   * question must be close in meaning to the asked one, not merely share its words, which many
   * questions would.
   */
  private List<Candidate> faq(
      Supplier<float[]> questionVector, Supplier<List<Candidate>> everyPassage) {
    if (embedder == null) {
      return List.of();
    }
    Map<String, Candidate> firstAnswers = new LinkedHashMap<>();
    for (Candidate c : everyPassage.get()) {
      String label = c.sentence().label();
      if (label != null && label.endsWith("?") && firstAnswers.size() < MAX_FAQ_QUESTIONS) {
        firstAnswers.putIfAbsent(label, c);
      }
    }
    if (firstAnswers.isEmpty()) {
      return List.of();
    }
    List<String> asked = new ArrayList<>(firstAnswers.keySet());
    List<float[]> vectors;
    float[] q;
    try {
      q = questionVector.get();
      vectors = embedder.embedDocuments(asked);
    } catch (EmbeddingException | IllegalArgumentException e) {
      LOG.warn("FAQ questions not compared: the embedding model failed ({})", e.getMessage());
      return List.of();
    }
    Candidate first = null;
    double closest = settings.faq();
    for (int i = 0; i < asked.size(); i++) {
      double sim = dot(q, vectors.get(i));
      if (sim >= closest) {
        closest = sim;
        first = firstAnswers.get(asked.get(i));
      }
    }
    return first == null ? List.of() : answerUnder(first, everyPassage.get());
  }

  /** {@code first} and the sentences after it under the same label, within the limits. */
  private List<Candidate> answerUnder(Candidate first, List<Candidate> all) {
    List<Candidate> answer = new ArrayList<>();
    int chars = 0;
    int shownUpTo = first.sentence().start();
    for (Candidate c : all) {
      // A sentence already shown with the one introducing it ("… like the following:") is not
      // quoted again.
      if (c.passage() == first.passage()
          && first.sentence().label().equals(c.sentence().label())
          && c.sentence().start() >= shownUpTo) {
        shownUpTo = c.quoted().end();
        chars += c.quoted().display().length();
        if (!answer.isEmpty() && chars > settings.maxChars()) {
          break;
        }
        answer.add(c);
      }
    }
    return answer;
  }

  /** The quoted passages' candidates, then those of the retrieved passages beyond them. */
  private List<Candidate> withUnquoted(List<Candidate> quoted, List<Passage> passages) {
    List<Candidate> all = new ArrayList<>(quoted);
    passages.stream().skip(settings.passages()).forEach(p -> all.addAll(candidates(p)));
    return all;
  }

  /** {@code compute}'s value, computed on the first call only. */
  private static <T> Supplier<T> once(Supplier<T> compute) {
    List<T> value = new ArrayList<>(1);
    return () -> {
      if (value.isEmpty()) {
        value.add(compute.get());
      }
      return value.get(0);
    };
  }

  private List<Candidate> leading(Candidate lead, List<Candidate> chosen) {
    return leading(List.of(lead), chosen);
  }

  private List<Candidate> leading(List<Candidate> lead, List<Candidate> chosen) {
    List<Candidate> out = new ArrayList<>(lead);
    chosen.stream().filter(x -> !lead.contains(x)).forEach(out::add);
    return out.subList(0, Math.min(out.size(), Math.max(lead.size(), settings.maxSentences())));
  }

  private List<Candidate> withSecond(List<Candidate> chosen, Candidate c) {
    List<Candidate> out = new ArrayList<>(chosen.subList(0, Math.min(1, chosen.size())));
    out.add(c);
    chosen.stream().skip(1).filter(x -> x != c).forEach(out::add);
    return out.subList(0, Math.min(out.size(), settings.maxSentences()));
  }

  /**
   * When the question asks for a number, a version or a definition and none of the chosen sentences
   * states one, the best sentence of the lead sentence's own paragraph that does is added right
   * after it: "The port number to bind the httpd to." needs its "(Default: 1234)". For a default or
   * a number, failing that, the best one under the lead's term in the same passage.
   */
  private List<Candidate> complete(List<Candidate> chosen, List<Scored> ranked, AnswerType type) {
    if (type == AnswerType.OTHER) {
      return chosen;
    }
    Candidate lead = chosen.get(0);
    // Under a term, only the lead's own entry counts: "The default module path…" under another
    // setting states a default, not the lead setting's.
    if (chosen.stream()
        .anyMatch(
            c ->
                type.fits(c.quoted().display())
                    && (lead.sentence().label() == null || sameEntry(c, lead)))) {
      return chosen;
    }
    Optional<Candidate> fitting =
        fitting(
            ranked,
            chosen,
            type,
            c ->
                c.passage() == lead.passage()
                    && c.sentence().paragraph() == lead.sentence().paragraph());
    // An option's entry may state its default or limit in a later paragraph ("It is optional: it
    // defaults to all."). Not for definitions: they are stated where the entry opens, and their
    // pattern ("is the") would take any later sentence.
    String label = lead.sentence().label();
    if (fitting.isEmpty()
        && label != null
        && (type == AnswerType.DEFAULT || type == AnswerType.QUANTITY)) {
      fitting =
          fitting(
              ranked,
              chosen,
              type,
              c -> c.passage() == lead.passage() && label.equals(c.sentence().label()));
    }
    // A setting's default is often stated under the command-line option it stands for, on the
    // command's own page: "instaweb.httpd" points there, and "--httpd" says "(Default: lighttpd)".
    String option = Options.optionFor(label);
    if (fitting.isEmpty()
        && option != null
        && (type == AnswerType.DEFAULT || type == AnswerType.QUANTITY)) {
      fitting =
          fitting(ranked, chosen, type, c -> Options.names(c.sentence().label(), List.of(option)));
    }
    return fitting.map(c -> withSecond(chosen, c)).orElse(chosen);
  }

  /** Whether {@code c} is part of what {@code other} shows (a sentence and what it introduces). */
  private static boolean shownWith(Candidate c, Candidate other) {
    Sentences.Sentence shown = other.quoted();
    return other.passage() == c.passage()
        && shown != other.sentence()
        && shown.start() <= c.sentence().start()
        && c.sentence().end() <= shown.end();
  }

  /**
   * A sentence whose subject is a bare "This", "It", "They"… ("This is the default.", "It is
   * optional"), about what the one before it said; "This option…" names what it is about.
   */
  private static final java.util.regex.Pattern BACK =
      java.util.regex.Pattern.compile(
          "^(?:Currently, (?:this|it)|This|That|It|They|These|Those) (?:is|are|was|were|can|will|may|must"
              + "|should|does|do|has|have|means|allows|adds|makes|causes|sets|happens|defaults)\\b");

  /**
   * Whether the sentence only makes sense with the one before it, in its paragraph: "Currently,
   * this is the default." after "The basic greedy diff algorithm." A sentence opening a paragraph
   * refers to its heading or term.
   */
  private static boolean refersBack(Candidate c) {
    Sentences.Sentence before = c.previous();
    return before != null
        && before.quotable()
        && before.paragraph() == c.sentence().paragraph()
        && Objects.equals(before.label(), c.sentence().label())
        && BACK.matcher(c.sentence().display()).find();
  }

  /** Two neighbouring pieces shown as one, under the label and in the paragraph of {@code of}. */
  static Sentences.Sentence joined(
      Sentences.Sentence first, Sentences.Sentence second, Sentences.Sentence of) {
    return new Sentences.Sentence(
        first.start(),
        second.end(),
        first.display() + " " + second.display(),
        of.label(),
        of.paragraph(),
        true);
  }

  private static boolean sameEntry(Candidate a, Candidate b) {
    return a.passage() == b.passage() && Objects.equals(a.sentence().label(), b.sentence().label());
  }

  /** The best-ranked sentence {@code near} the lead that states the asked kind, not yet chosen. */
  private Optional<Candidate> fitting(
      List<Scored> ranked, List<Candidate> chosen, AnswerType type, Predicate<Candidate> near) {
    return ranked.stream()
        .map(Scored::candidate)
        .filter(c -> near.test(c) && type.fits(c.quoted().display()) && !chosen.contains(c))
        .findFirst();
  }

  /**
   * A "how do I" question is answered by an option or a setting: a sentence describing one (under
   * its term) states the answer once shown with that term.
   */
  private boolean describesOption(Candidate c, AnswerType type) {
    return settings.option()
        && type == AnswerType.PROCEDURE
        && (Options.isOption(c.sentence().label())
            || settings.subcommands() && Options.isSubcommand(c.sentence().label()));
  }

  private Answer quote(
      List<Candidate> chosen,
      Set<String> asked,
      AnswerType type,
      Consumer<String> tokens,
      double support) {
    StringBuilder answer = new StringBuilder();
    Map<Integer, Citation> citations = new LinkedHashMap<>();
    Candidate labelled = null;
    Candidate previous = null;
    for (Candidate c : chosen) {
      Sentences.Sentence s = c.quoted();
      // A command line already shown with the sentence introducing it is not quoted again.
      if (chosen.stream().anyMatch(x -> x != c && shownWith(c, x))) {
        continue;
      }
      // A sentence referring back is shown after the one before it, unless that one is quoted.
      if (refersBack(c)
          && chosen.stream()
              .noneMatch(x -> x.passage() == c.passage() && x.sentence().equals(c.previous()))) {
        s = joined(c.previous(), s, s);
      }
      // A label is said once for the sentences that follow each other under it.
      boolean labelShown = labelled != null && sameEntry(labelled, c);
      // A fragment under an option or a setting ("(Default: lighttpd)") says nothing of what it
      // is about without its term, unless it follows a sentence of the same entry.
      boolean fragment =
          c.own().size() <= 3
              && Options.isOption(s.label())
              && (previous == null || !sameEntry(previous, c));
      boolean needsLabel =
          !labelShown
              && (s.label() != null
                      && (fragment
                          || asked.stream()
                              .anyMatch(t -> c.label().contains(t) && !c.own().contains(t)))
                  || describesOption(c, type));
      labelled = needsLabel || labelShown ? c : null;
      previous = c;
      String piece =
          (answer.length() == 0 ? "" : " ")
              + (needsLabel ? s.label() + (s.label().endsWith("?") ? " " : ": ") : "")
              + s.display()
              + " ["
              + c.passage().n()
              + "]";
      answer.append(piece);
      tokens.accept(piece);
      citations.putIfAbsent(
          c.passage().n(),
          Citation.of(
              c.passage(), c.passage().text().substring(s.start(), s.end()), s.start(), s.end()));
    }
    return new Answer(
        answer.toString(), List.copyOf(citations.values()), List.of(), false, round(support));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** "Not found", with the top passages to read instead (their first sentence highlighted). */
  private Answer notFound(List<Passage> passages, Consumer<String> tokens, double support) {
    if (passages.isEmpty()) {
      tokens.accept(NO_ANSWER);
      return new Answer(NO_ANSWER, List.of(), List.of(), true, 0.0);
    }
    List<Citation> closest = new ArrayList<>();
    StringBuilder refs = new StringBuilder();
    for (Passage p : passages.subList(0, Math.min(3, passages.size()))) {
      Sentences.Sentence s =
          Sentences.split(p.text(), settings.optionTerms(), settings.subcommands()).stream()
              .filter(Sentences.Sentence::quotable)
              .findFirst()
              .orElse(null);
      closest.add(
          s == null
              ? Citation.of(p, null, null, null)
              : Citation.of(p, p.text().substring(s.start(), s.end()), s.start(), s.end()));
      refs.append(refs.length() == 0 ? "" : " ").append('[').append(p.n()).append(']');
    }
    String text = NOT_FOUND + " The closest passages: " + refs + ".";
    tokens.accept(text);
    return new Answer(text, List.copyOf(closest), List.of(), true, round(support));
  }

  private static boolean similar(Candidate a, Candidate b) {
    Set<String> both = new HashSet<>(a.own());
    both.retainAll(b.own());
    Set<String> either = new HashSet<>(a.own());
    either.addAll(b.own());
    return !either.isEmpty() && (double) both.size() / either.size() > 0.8;
  }

  /**
   * Rarer terms among the candidates weigh more. A question term no candidate contains still
   * counts, as the rarest possible: a question about something the passages never mention is not
   * answered by the words it shares with them.
   */
  private static Map<String, Double> idf(Set<String> asked, List<Candidate> candidates) {
    Map<String, Double> idf = new HashMap<>();
    int n = candidates.size();
    for (String t : asked) {
      long df =
          candidates.stream().filter(c -> c.own().contains(t) || c.label().contains(t)).count();
      idf.put(t, Math.log(1 + n / Math.max(0.5, df)));
    }
    return idf;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * The terms a sentence should cover: the question's, without the words that only make it a
   * question ("how do I", "which", "can you"), when they leave anything.
   */
  Set<String> asked(String question) {
    Set<String> all = terms(question);
    if (!settings.questionWords()) {
      return all;
    }
    Set<String> out = new HashSet<>(all);
    out.removeAll(questionTerms);
    return out.isEmpty() ? all : out;
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
