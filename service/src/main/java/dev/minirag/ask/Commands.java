package dev.minirag.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The command lines a page shows: a synopsis line ("prog sub [--flag] &lt;path&gt;") or a line
 * typed at a shell prompt ("$ prog sub --flag"). A manual often states how to do something only
 * there, so a "how do I" question is answered by the line that names what it asks about. The
 * sentence splitter never quotes these lines as statements, so they are read here line by line.
 */
final class Commands {

  /** A longer line is a wrapped paragraph or a long synopsis, not one command. */
  static final int MAX_CHARS = 160;

  private static final int MIN_CHARS = 8;

  /** A command line shares at least this many of the question's terms with it. */
  static final int MIN_SHARED = 2;

  private Commands() {}

  /**
   * @param start offset of the line in its passage's text
   * @param end offset just past it
   * @param display the line without markup or its prompt, white space collapsed
   */
  record Line(Passage passage, int start, int end, String display) {}

  /** Every command line of the passage, in text order. */
  static List<Line> in(Passage p) {
    List<Line> out = new ArrayList<>();
    String text = p.text();
    int start = 0;
    for (int k = 0; k <= text.length(); k++) {
      if (k == text.length() || text.charAt(k) == '\n') {
        String raw = text.substring(start, k).strip();
        boolean prompt = raw.startsWith("$ ");
        String display = Sentences.clean(prompt ? raw.substring(2) : raw);
        if (display.length() >= MIN_CHARS
            && display.length() <= MAX_CHARS
            && (prompt || Sentences.looksLikeCode(display))) {
          out.add(new Line(p, start, k, display));
        }
        start = k + 1;
      }
    }
    return out;
  }

  /**
   * The line that names the most of the question's terms, weighted by their rarity, if one names at
   * least {@link #MIN_SHARED}; the first such line wins a tie.
   */
  static Line best(
      List<Line> lines,
      Set<String> asked,
      Map<String, Double> weights,
      Function<String, Set<String>> analyze) {
    Line best = null;
    double bestWeight = 0;
    for (Line l : lines) {
      Set<String> terms = analyze.apply(l.display());
      int shared = 0;
      double weight = 0;
      for (String t : asked) {
        if (terms.contains(t)) {
          shared++;
          weight += weights.getOrDefault(t, 1.0);
        }
      }
      if (shared >= MIN_SHARED && weight > bestWeight) {
        best = l;
        bestWeight = weight;
      }
    }
    return best;
  }
}
