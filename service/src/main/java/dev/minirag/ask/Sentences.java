package dev.minirag.ask;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a passage into the sentences an answer may quote. Lines are read first, so a heading, a
 * list item or a table row never runs into the next one; paragraphs are then split into sentences.
 * A short line without closing punctuation that stands alone above a paragraph (a heading, or a
 * term in a definition list such as a configuration key) is not quoted itself but becomes the label
 * of the sentences below it, since those often only make sense with it ("The default value is
 * 6700." under "gc.auto"); so does a lone question above its answer, as in a FAQ. Each sentence
 * keeps its offsets in the passage, for the citation, and a display form with Markdown and HTML
 * markup removed. Pieces that are not statements (command synopses, shell lines, fragments,
 * questions) are kept but marked not quotable: an answer may still show one after a sentence that
 * introduces it ("issue the following command:"). Linear in the passage length.
 */
final class Sentences {

  /** Shorter pieces (after markup is removed) are fragments, not statements. */
  static final int MIN_CHARS = 15;

  private static final int MAX_LABEL_CHARS = 80;

  /**
   * A term or heading is a few words; a longer line is a statement ("git-gc - Cleanup unnecessary
   * files").
   */
  private static final int MAX_LABEL_WORDS = 7;

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(?:```|~~~)");
  private static final Pattern ATX = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+|$)");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(?:=+|-{2,})[ \\t]*$");
  // The lookbehind lets a match start only where a run of # starts: without it, every # of a long
  // run would start a match that scans to the run's end and fails, quadratic in the run.
  private static final Pattern CLOSING_HASHES = Pattern.compile("(?<!#)#+\\s*$");

  /**
   * A heading line becomes the label of every sentence under it, and labels are searched once per
   * sentence: an unbounded heading (an imported chunk may hold one) would make that quadratic.
   */
  private static final int MAX_HEADING_LABEL_CHARS = 300;

  private static final Pattern BULLET =
      Pattern.compile("^\\s{0,8}(?:[-*+\u2022]|\\d{1,3}[.)])[ \\t]+");
  // Only real HTML tags: manuals write placeholders such as <commit> or <path> in angle brackets.
  private static final Pattern TAG =
      Pattern.compile(
          "</?(?:a|abbr|b|big|blockquote|br|center|cite|code|dd|del|details|div|dl|dt|em|font"
              + "|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|q|s|samp|small|span|strike|strong|sub|summary|sup|table|tbody|td|th|thead"
              + "|tr|tt|u|ul|var)(?:\\s[^<>\\n]{0,200})?/?>",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern IMAGE =
      Pattern.compile("!\\[([^\\]\\n]{0,300})]\\([^)\\n]{0,500}\\)");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]{1,300})]\\([^)\\n]{0,500}\\)");
  private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__)([^*_\\n]{1,300})\\1");
  private static final Pattern CODE = Pattern.compile("`([^`\\n]{1,300})`");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  /**
   * @param start offset of the sentence's first character in the passage text
   * @param end offset just past its last character
   * @param display the sentence without markup, white space collapsed
   * @param label the heading or term line above it, without markup; null when none
   * @param paragraph index of its paragraph in the passage; sentences of one paragraph share it
   * @param quotable whether it is a statement an answer may quote on its own
   */
  record Sentence(
      int start, int end, String display, String label, int paragraph, boolean quotable) {

    /** Ends with a colon: what it introduces follows it ("issue the following command:"). */
    boolean introduces() {
      return display.endsWith(":");
    }
  }

  private Sentences() {}

  static List<Sentence> split(String text) {
    return split(text, true, true);
  }

  /**
   * @param optionTerms whether the term of an option or setting with placeholders
   *     ("--pretty[=&lt;format&gt;]") labels its description although it looks like code, and a
   *     term's aliases on the lines above it ("-b &lt;name&gt;" above
   *     "--initial-branch=&lt;name&gt;") join it
   * @param subcommandTerms whether a subcommand's term with placeholders ("add &lt;path&gt;
   *     [&lt;commit-ish&gt;]") labels its description too ({@link Options#isSubcommand})
   */
  static List<Sentence> split(String text, boolean optionTerms, boolean subcommandTerms) {
    List<Sentence> out = new ArrayList<>();
    // The option term just read, while no sentence has followed it: an alias line below joins it.
    String aliases = null;
    List<int[]> lines = lines(text);
    String label = null;
    int paragraph = 0;
    // fenced[k] > k: line k opens a Markdown fenced code block that line fenced[k] closes.
    int[] fenced = new int[lines.size()];
    int i = fencedBlocks(text, lines, fenced);
    if (i > 0) {
      paragraph = code(text, lines, 0, i - 1, label, paragraph, out);
    }
    while (i < lines.size()) {
      int[] line = lines.get(i);
      String raw = text.substring(line[0], line[1]);
      if (fenced[i] > i) {
        paragraph = code(text, lines, i + 1, fenced[i], label, paragraph, out);
        aliases = null;
        i = fenced[i] + 1;
        continue;
      }
      if (raw.isBlank()) {
        i++;
        continue;
      }
      if (ATX.matcher(raw).find()) {
        label =
            headingLabel(CLOSING_HASHES.matcher(ATX.matcher(raw).replaceFirst("")).replaceAll(""));
        aliases = null;
        i++;
        continue;
      }
      if (i + 1 < lines.size()
          && SETEXT.matcher(text.substring(lines.get(i + 1)[0], lines.get(i + 1)[1])).matches()) {
        label = headingLabel(raw);
        aliases = null;
        i += 2;
        continue;
      }
      if (isRule(raw)) {
        i++;
        continue;
      }
      if (raw.strip().startsWith("|")) {
        add(out, line[0], line[1], String.join(", ", cells(raw)), label, paragraph++, true);
        aliases = null;
        i++;
        continue;
      }
      if (BULLET.matcher(raw).find()) {
        int from = line[0] + bulletEnd(raw);
        sentences(text, from, line[1], label, paragraph++, out, false, false);
        aliases = null;
        i++;
        continue;
      }
      // A paragraph: this line and the following ones up to a blank line or a structural line.
      int j = i + 1;
      while (j < lines.size() && continues(text.substring(lines.get(j)[0], lines.get(j)[1]))) {
        j++;
      }
      int start = line[0];
      int end = lines.get(j - 1)[1];
      boolean alone =
          j == i + 1
              && (j == lines.size() || text.substring(lines.get(j)[0], lines.get(j)[1]).isBlank());
      String stripped = raw.strip();
      // Not a term: a command line or a synopsis, or what the previous sentence introduced.
      boolean introduced = !out.isEmpty() && out.get(out.size() - 1).introduces();
      boolean option =
          optionTerms && Options.isOption(stripped)
              || subcommandTerms && Options.isSubcommand(stripped);
      boolean term =
          stripped.length() <= MAX_LABEL_CHARS
              && words(stripped) <= MAX_LABEL_WORDS
              && !stripped.contains(" - ")
              && !endsSentence(stripped)
              && (!looksLikeCode(stripped) || option)
              // After "the following functions:" an entry's term still heads its description.
              && (!introduced || option || Options.isApiName(clean(stripped)));
      boolean question = stripped.length() <= 2 * MAX_LABEL_CHARS && stripped.endsWith("?");
      if (alone && (term || (question && !introduced)) && followedByText(text, lines, j)) {
        label = clean(stripped);
        if (option && aliases != null && aliases.length() + label.length() < 2 * MAX_LABEL_CHARS) {
          label = aliases + ", " + label;
        }
        aliases = option ? label : null;
      } else {
        sentences(text, start, end, label, paragraph++, out, isCode(text, lines, i, j), true);
        aliases = null;
      }
      i = j;
    }
    return out;
  }

  /**
   * Pairs the Markdown code fences (```sh, ~~~) of the passage: fenced[k] is set to the line that
   * closes the block line k opens (lines.size() when none does); other lines are left at 0. A
   * passage cut out of a longer text may start inside a block: its first fence then closes that
   * block, which shows when it is bare and the fences do not pair up or the next one names a
   * language. (Two bare fences are read as one block: which they are cannot be told.)
   *
   * @return the line to read from: past that first fence then, else 0
   */
  private static int fencedBlocks(String text, List<int[]> lines, int[] fenced) {
    List<Integer> fences = new ArrayList<>();
    java.util.regex.Matcher fence = FENCE.matcher(text);
    for (int k = 0; k < lines.size(); k++) {
      if (fence.region(lines.get(k)[0], lines.get(k)[1]).find()) {
        fences.add(k);
      }
    }
    // Only an opening fence may name a language, so a bare first fence followed by one that does
    // (or by none) closes a block.
    int f =
        !fences.isEmpty()
                && !namesLanguage(text, lines.get(fences.get(0)))
                && (fences.size() % 2 == 1 || namesLanguage(text, lines.get(fences.get(1))))
            ? 1
            : 0;
    for (int g = f; g < fences.size(); g += 2) {
      fenced[fences.get(g)] = g + 1 < fences.size() ? fences.get(g + 1) : lines.size();
    }
    return f == 1 ? fences.get(0) + 1 : 0;
  }

  /** Whether a fence line holds more than its backticks or tildes: an info string ("sh"). */
  private static boolean namesLanguage(String text, int[] line) {
    for (int k = line[0]; k < line[1]; k++) {
      char c = text.charAt(k);
      if (c != '`' && c != '~' && !Character.isWhitespace(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Lines [from, to) of a code block, kept to be shown after a sentence that introduces them, never
   * quoted on their own.
   *
   * @return the next paragraph's index
   */
  private static int code(
      String text,
      List<int[]> lines,
      int from,
      int to,
      String label,
      int paragraph,
      List<Sentence> out) {
    int end = Math.min(to, lines.size());
    if (from >= end) {
      return paragraph;
    }
    sentences(text, lines.get(from)[0], lines.get(end - 1)[1], label, paragraph, out, true, true);
    return paragraph + 1;
  }

  private static int words(String s) {
    int n = 0;
    boolean in = false;
    for (int k = 0; k < s.length(); k++) {
      boolean w = !Character.isWhitespace(s.charAt(k));
      n += w && !in ? 1 : 0;
      in = w;
    }
    return n;
  }

  private static boolean continues(String line) {
    return !line.isBlank()
        && !FENCE.matcher(line).find()
        && !ATX.matcher(line).find()
        && !BULLET.matcher(line).find()
        && !line.strip().startsWith("|")
        && !SETEXT.matcher(line).matches();
  }

  private static boolean followedByText(String text, List<int[]> lines, int from) {
    for (int k = from; k < lines.size(); k++) {
      String l = text.substring(lines.get(k)[0], lines.get(k)[1]);
      if (!l.isBlank()) {
        return !ATX.matcher(l).find();
      }
    }
    return false;
  }

  private static boolean endsSentence(String s) {
    char last = s.charAt(s.length() - 1);
    return last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ',';
  }

  /** A table's header rule or a thematic break: only dashes, colons, pipes and blanks. */
  private static boolean isRule(String raw) {
    boolean dash = false;
    for (int k = 0; k < raw.length(); k++) {
      char c = raw.charAt(k);
      if (c == '-') {
        dash = true;
      } else if (c != ':' && c != '|' && !Character.isWhitespace(c)) {
        return false;
      }
    }
    return dash;
  }

  private static int bulletEnd(String raw) {
    java.util.regex.Matcher m = BULLET.matcher(raw);
    return m.find() ? m.end() : 0;
  }

  /**
   * @param code whether the span is code: its sentences are kept, to be shown after a sentence that
   *     introduces them, but never quoted on their own, though they share the question's
   *     identifiers
   * @param prompts whether a sentence starting at an interpreter's prompt counts as code
   */
  private static void sentences(
      String text,
      int from,
      int to,
      String label,
      int paragraph,
      List<Sentence> out,
      boolean code,
      boolean prompts) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    String span = text.substring(from, to);
    it.setText(span);
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      // A break with no space before it is inside a token ("trailer.<token>.cmd"), not after a
      // sentence.
      while (end < span.length()
          && !Character.isWhitespace(span.charAt(end - 1))
          && !Character.isWhitespace(span.charAt(end))) {
        int further = it.next();
        if (further == BreakIterator.DONE) {
          break;
        }
        end = further;
      }
      int s = start;
      int e = end;
      while (s < e && Character.isWhitespace(span.charAt(s))) {
        s++;
      }
      while (e > s && Character.isWhitespace(span.charAt(e - 1))) {
        e--;
      }
      if (s < e) {
        boolean statement = !code && !(prompts && atPrompt(text, from + s));
        add(out, from + s, from + e, clean(span.substring(s, e)), label, paragraph, statement);
      }
    }
  }

  private static void add(
      List<Sentence> out,
      int start,
      int end,
      String display,
      String label,
      int paragraph,
      boolean statement) {
    if (!display.isEmpty()) {
      boolean quotable =
          statement
              && display.length() >= MIN_CHARS
              && !looksLikeCode(display)
              && !display.endsWith("?");
      out.add(new Sentence(start, end, display, label, paragraph, quotable));
    }
  }

  private static List<String> cells(String row) {
    List<String> cells = new ArrayList<>();
    for (String cell : row.strip().replaceAll("^\\||\\|$", "").split("\\|")) {
      String c = clean(cell);
      if (!c.isEmpty()) {
        cells.add(c);
      }
    }
    return cells;
  }

  private static String headingLabel(String line) {
    String label = clean(line);
    return label.length() <= MAX_HEADING_LABEL_CHARS
        ? label
        : label.substring(0, MAX_HEADING_LABEL_CHARS).strip();
  }

  /**
   * Markdown emphasis, code spans, links and images, and HTML tags removed; white space collapsed.
   */
  static String clean(String s) {
    String t = TAG.matcher(s).replaceAll(" ");
    t = IMAGE.matcher(t).replaceAll("$1");
    t = LINK.matcher(t).replaceAll("$1");
    t = EMPHASIS.matcher(t).replaceAll("$2");
    t = CODE.matcher(t).replaceAll("$1");
    // The permalink sign a documentation generator puts after each heading and term.
    t = t.replace("\u00b6", "");
    return SPACE.matcher(t).replaceAll(" ").strip();
  }

  /**
   * A command synopsis or shell transcript rather than prose ("git stash drop [-q | --quiet]
   * [<stash>]"): it shares many words with questions about the command but states nothing.
   */
  static boolean looksLikeCode(String s) {
    int symbols = 0;
    for (int k = 0; k < s.length(); k++) {
      // A run of one symbol counts once: prose names a conflict marker ("a ======= marker").
      if ("[]{}|<>$=".indexOf(s.charAt(k)) >= 0 && (k == 0 || s.charAt(k - 1) != s.charAt(k))) {
        symbols++;
      }
    }
    return symbols * 12 > s.length() || s.contains("]$ ");
  }

  /**
   * Whether lines [from, to) are code rather than prose: at least half of them read as code (an
   * interpreter's prompt, an assignment, a line ending in a brace or a semicolon, or a
   * configuration file's section header or comment). A shell's "$ " is not counted: a command line
   * is what a "how do I" question asks for.
   */
  private static boolean isCode(String text, List<int[]> lines, int from, int to) {
    int code = 0;
    for (int k = from; k < to; k++) {
      String line = text.substring(lines.get(k)[0], lines.get(k)[1]).strip();
      code +=
          PROMPT.matcher(line).find()
                  || ASSIGNMENT.matcher(line).find()
                  || CODE_END.matcher(line).find()
                  || CONFIG.matcher(line).find()
              ? 1
              : 0;
    }
    return code * 2 >= to - from;
  }

  /** Whether the text at {@code at} starts with an interpreter's prompt ("&gt;&gt;&gt; "). */
  private static boolean atPrompt(String text, int at) {
    return PROMPT.matcher(text.substring(at, Math.min(text.length(), at + 4))).find();
  }

  private static final Pattern PROMPT = Pattern.compile("^(?:>>>|\\.\\.\\.)(?: |$)");
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "^[A-Za-z_][\\w.]{0,80}(?:\\[[^\\]\\n]{0,80}])?(?:, ?[A-Za-z_]\\w{0,80}){0,5} ?[-+*/]?= ?[^= ]");

  /** A configuration file's section header ("[includeIf \"gitdir:~/work/\"]") or comment line. */
  private static final Pattern CONFIG =
      Pattern.compile("^(?:\\[[\\w.-]{1,80}(?: \"[^\"\\n]{0,200}\")?]|; .*)$");

  private static final Pattern CODE_END = Pattern.compile("(?:[{}\\[;]|^(?:try|else|finally):)$");

  /** [start, end) of every line, without the line break. */
  private static List<int[]> lines(String text) {
    List<int[]> lines = new ArrayList<>();
    int start = 0;
    for (int k = 0; k <= text.length(); k++) {
      if (k == text.length() || text.charAt(k) == '\n') {
        int end = k > start && text.charAt(k - 1) == '\r' ? k - 1 : k;
        lines.add(new int[] {start, end});
        start = k + 1;
      }
    }
    return lines;
  }
}
