package dev.minirag.ask;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question that compares two things ("the difference between X and Y", "X or Y", "how does X
 * differ from Y"): an answer about one side only is half an answer, so the answerer makes sure each
 * side has a sentence. A side is recognised by the words only it names and by option-like tokens
 * compared case-sensitively, since {@code -x} and {@code -X} are different options that any
 * analyzer folds into one term.
 */
record Comparison(Side first, Side second) {

  /**
   * @param terms analyzed words only this side names
   * @param tokens option-like tokens only this side names, as written
   * @param written each token as a pattern that finds it as a whole, case-sensitively
   */
  record Side(Set<String> terms, Set<String> tokens, List<Pattern> written) {
    boolean isEmpty() {
      return terms.isEmpty() && tokens.isEmpty();
    }
  }

  private static final Pattern[] FORMS = {
    Pattern.compile("(?i)\\bdifferences? between (.{1,80}?) and (.{1,80}?)\\??$"),
    Pattern.compile(
        "(?i)^(?:how|in what way) (?:does|do|is|are) (.{1,80}?) differ(?:ent)? from (.{1,80}?)\\??$"),
    Pattern.compile(
        "(?i)^(?:what|how) (?:does|do) (.{1,80}?) (?:show|do|mean) compared (?:with|to) (.{1,80}?)\\??$"),
    Pattern.compile(
        "(?i)^(?:how|why) (?:is|are) (.{1,80}?) \\w{2,}er than (?:a |an |the )?(.{1,80}?)\\??$"),
    Pattern.compile("(?i)^should (?:i|we|you) use (.{1,80}?) or (.{1,80}?)\\?"),
    Pattern.compile("(?i)^(.{1,80}?) vs\\.? (.{1,80}?)\\??$"),
  };

  /** Option-like tokens: -x, --force, HEAD~3, A...B. */
  private static final Pattern TOKEN =
      Pattern.compile("(?<![\\w-])(?:--?[A-Za-z0-9][\\w-]*|[A-Za-z]+[~^]\\d+|\\w+\\.\\.\\.?\\w+)");

  /** Words that name the kind of thing compared, not one side of it. */
  private static final Set<String> GENERIC =
      Set.of("option", "command", "flag", "set", "mode", "style", "plain", "default");

  /**
   * The two sides of a comparing question, each with something that tells it from the other; empty
   * when the question does not compare or a side cannot be told apart.
   */
  static Optional<Comparison> of(String question, Function<String, Set<String>> analyze) {
    String q = question.strip();
    for (Pattern form : FORMS) {
      Matcher m = form.matcher(q);
      if (m.find()) {
        Side a = side(m.group(1), m.group(2), analyze);
        Side b = side(m.group(2), m.group(1), analyze);
        return a.isEmpty() || b.isEmpty() ? Optional.empty() : Optional.of(new Comparison(a, b));
      }
    }
    return Optional.empty();
  }

  private static Side side(String text, String other, Function<String, Set<String>> analyze) {
    Set<String> terms = new HashSet<>(analyze.apply(text));
    terms.removeAll(analyze.apply(other));
    terms.removeAll(GENERIC);
    Set<String> tokens = new HashSet<>(tokens(text));
    tokens.removeAll(tokens(other));
    List<Pattern> written =
        tokens.stream()
            .map(t -> Pattern.compile("(?<![\\w-])" + Pattern.quote(t) + "(?!\\w)"))
            .toList();
    return new Side(terms, tokens, written);
  }

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /**
   * The name an entry's term starts with: "-S" of "-S&lt;string&gt;", "apply" of "apply
   * [&lt;stash&gt;]".
   */
  private static final Pattern HEAD = Pattern.compile("^[^\\s\\[=<(:]+");

  /**
   * Whether a term heads this side's own entry: one of its names ("-f, --force") is the side as
   * written, or is a plain word this side names ("apply" for "git stash apply"). An entry
   * describing the side is where the manual states what it is, unlike prose that mentions it.
   */
  static boolean isEntryOf(Side side, String label, Function<String, Set<String>> analyze) {
    if (label == null) {
      return false;
    }
    for (String alias : label.strip().split(",\\s*")) {
      // "--[no-]force-with-lease" documents --force-with-lease and its negation together.
      Matcher m = HEAD.matcher(alias.replace("[no-]", ""));
      if (!m.find()) {
        continue;
      }
      String head = m.group();
      if (side.tokens().contains(head)) {
        return true;
      }
      // An option is compared as written only: "--no-fetch" is not the entry of "fetch".
      Set<String> t = head.startsWith("-") ? Set.of() : analyze.apply(head);
      if (!t.isEmpty() && side.terms().containsAll(t)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the sentence (with its heading or term) speaks of this side. */
  static boolean speaksOf(Side side, ExtractiveAnswerer.Candidate c) {
    if (side.terms().stream().anyMatch(t -> c.own().contains(t) || c.label().contains(t))) {
      return true;
    }
    String label = c.sentence().label();
    String text = label == null ? c.sentence().display() : label + " " + c.sentence().display();
    return side.written().stream().anyMatch(p -> p.matcher(text).find());
  }
}
