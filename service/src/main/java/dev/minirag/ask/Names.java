package dev.minirag.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The specific things a question names, lower-cased: identifiers (a setting such as {@code
 * core.bigFileThreshold}, a {@code snake_case} or camel-case name) and capitalised words inside the
 * question ("GitHub", "Mercurial"). A question about one of them is answered only by passages that
 * mention it.
 */
final class Names {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,80}");
  private static final Pattern IDENTIFIER =
      Pattern.compile(
          "\\p{L}[\\p{L}\\p{N}]*(?:[._]\\p{L}[\\p{L}\\p{N}]*)+|\\p{Ll}+\\p{Lu}[\\p{L}\\p{N}]*");
  private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{L}\\p{N}]{2,}");

  private Names() {}

  static List<String> in(String question) {
    List<String> names = new ArrayList<>();
    Matcher m = WORD.matcher(question);
    boolean first = true;
    while (m.find()) {
      String w = m.group().replaceAll("[._-]+$", "");
      // The first word is capitalised because it starts the question, not because it is a name.
      if (IDENTIFIER.matcher(w).matches() || (!first && CAPITALISED.matcher(w).matches())) {
        names.add(w.toLowerCase(Locale.ROOT));
      }
      first = false;
    }
    return names;
  }
}
