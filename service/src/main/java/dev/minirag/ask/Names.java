package dev.minirag.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The specific things a question names, lower-cased: identifiers (a setting such as {@code
 * core.bigFileThreshold}, a {@code snake_case} or camel-case name) and capitalised words inside the
 * question ("GitHub", "Mercurial"), and a command of several words called so ("the git undo
 * command"). A question about one of them is answered only by passages that mention it.
 */
final class Names {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,80}");
  private static final Pattern IDENTIFIER =
      Pattern.compile(
          "\\p{L}[\\p{L}\\p{N}]*(?:[._]\\p{L}[\\p{L}\\p{N}]*)+|\\p{Ll}+\\p{Lu}[\\p{L}\\p{N}]*");
  private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{L}\\p{N}]{2,}");

  /** "the git undo command": a command of several words, named as such. */
  private static final Pattern COMMAND =
      Pattern.compile("\\bthe ([a-z][\\w-]{0,40}(?: [a-z][\\w-]{0,40}){1,2}) command\\b");

  private Names() {}

  static List<String> in(String question) {
    List<String> names = new ArrayList<>();
    Matcher m = WORD.matcher(question);
    boolean first = true;
    while (m.find()) {
      String w = m.group().replaceAll("[._-]+$", "");
      // A word that starts the question, or a sentence of it ("… git pull? What is the
      // difference?"), is capitalised for that, not because it is a name.
      if (IDENTIFIER.matcher(w).matches()
          || (!first && !startsSentence(question, m.start()) && CAPITALISED.matcher(w).matches())) {
        names.add(w.toLowerCase(Locale.ROOT));
      }
      first = false;
    }
    Matcher command = COMMAND.matcher(question);
    while (command.find()) {
      names.add(command.group(1));
    }
    return names;
  }

  private static boolean startsSentence(String text, int at) {
    int k = at - 1;
    while (k >= 0 && Character.isWhitespace(text.charAt(k))) {
      k--;
    }
    return k >= 0 && k < at - 1 && ".?!".indexOf(text.charAt(k)) >= 0;
  }
}
