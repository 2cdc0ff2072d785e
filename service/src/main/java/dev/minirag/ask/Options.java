package dev.minirag.ask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options and settings a reference manual documents, each as the term of a definition list
 * ("--force-with-lease[=&lt;refname&gt;]", "-u[&lt;mode&gt;]", "core.editor", "-D directory") with
 * its description below it. The term is what a "how do I" question needs and what a question about
 * that option names, so the answerer reads it as written, not only as analyzed words.
 */
final class Options {

  /** A term that starts with an option ("-x", "--force") or a dotted setting ("pack.window"). */
  private static final Pattern LABEL =
      Pattern.compile(
          "^(?:--?[A-Za-z0-9][\\w-]*|\\p{L}[\\w-]*(?:\\.[\\w<>*-]+)+)(?=$|[\\s=\\[,(<:])");

  /**
   * A subcommand's term: one lower-case word, then only its placeholders ("add &lt;path&gt;
   * [&lt;commit-ish&gt;]", "apply [--index] [&lt;stash&gt;]"). A synopsis names the program first
   * ("prog stash apply [&lt;stash&gt;]"), so it is not one.
   */
  private static final Pattern SUBCOMMAND = Pattern.compile("^[a-z][\\w-]* [\\[<(].*");

  /**
   * An API reference's term: a dotted name or a call form, perhaps a decorator or a class
   * ("pickle.DEFAULT_PROTOCOL", "@functools.cache(user_function)", "class
   * textwrap.TextWrapper(**kwargs)").
   */
  private static final Pattern API =
      Pattern.compile(
          "^(?:class |exception )?@?[A-Za-z_]\\w{0,80}(?:\\.[A-Za-z_]\\w{0,80}){0,8}"
              + "(?:\\([^()\\n]{0,120}\\)|(?<=\\.[A-Za-z_]\\w{0,80}))$");

  /** An option as a question writes it: "-b", "--untracked-files". */
  private static final Pattern WRITTEN = Pattern.compile("(?<![\\w-])--?[A-Za-z0-9][\\w-]*");

  private Options() {}

  /** Whether a heading or term names an option or a setting rather than a topic. */
  static boolean isOption(String label) {
    return label != null && LABEL.matcher(label.strip()).find();
  }

  /** Whether a term names a function, class or attribute of an API, as its reference lists it. */
  static boolean isApiName(String label) {
    return label != null && API.matcher(label.strip()).matches();
  }

  /** Whether a term names a subcommand with its placeholders, as a reference lists its forms. */
  static boolean isSubcommand(String label) {
    return label != null && SUBCOMMAND.matcher(label.strip()).matches();
  }

  /** The options and dotted settings the question names, as written (settings lower-cased). */
  static List<String> named(String question) {
    List<String> out = new ArrayList<>();
    Matcher m = WRITTEN.matcher(question);
    while (m.find()) {
      out.add(m.group());
    }
    for (String name : Names.in(question)) {
      if (name.contains(".")) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * Whether a term names one of these options: "--untracked-files[=&lt;mode&gt;]" names
   * "--untracked-files", "-u" does not name "-U", and "--force" does not name "--force-with-lease".
   */
  static boolean names(String label, List<String> named) {
    if (label == null || named.isEmpty()) {
      return false;
    }
    for (String n : named) {
      String in = n.startsWith("-") ? label : label.toLowerCase(Locale.ROOT);
      if (containsWhole(in, n, Options::isNamePart)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code n} occurs in {@code in} with no {@code part} character on either side. */
  private static boolean containsWhole(String in, String n, IntPredicate part) {
    int at = in.indexOf(n);
    while (at >= 0) {
      int end = at + n.length();
      boolean before = at == 0 || !part.test(in.charAt(at - 1));
      boolean after = end == in.length() || !part.test(in.charAt(end));
      if (before && after) {
        return true;
      }
      at = in.indexOf(n, at + 1);
    }
    return false;
  }

  /** A manual page's title: "git-stash(1)". */
  private static final Pattern MAN_TITLE = Pattern.compile("^([a-z][\\w-]{0,60})\\(\\d\\w?\\)$");

  /** A subcommand's bare term: one lower-case word. */
  private static final Pattern WORD = Pattern.compile("^[a-z][\\w-]{0,40}$");

  /**
   * Whether the question (lower-cased) names the subcommand whose entry this term heads, on its
   * command's manual page: "git stash clear" names the entry "clear" of git-stash(1).
   */
  static boolean namesSubcommand(String question, String title, String label) {
    if (title == null || label == null || !WORD.matcher(label.strip()).matches()) {
      return false;
    }
    Matcher page = MAN_TITLE.matcher(title.strip());
    if (!page.matches()) {
      return false;
    }
    String command = page.group(1).replace('-', ' ') + " " + label.strip();
    return containsWhole(question, command, c -> c == '-' || c == '_' || isAsciiAlnum(c));
  }

  private static boolean isAsciiAlnum(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  /** "section.name" and nothing more: a configuration setting's term. */
  private static final Pattern SETTING =
      Pattern.compile("^[A-Za-z][\\w-]*\\.([A-Za-z][A-Za-z0-9]*)$");

  /**
   * The command-line option a setting stands for, named as settings and options conventionally
   * share a name: "instaweb.httpd" for "--httpd", "fetch.writeCommitGraph" for
   * "--write-commit-graph"; null when the term is not a setting.
   */
  static String optionFor(String label) {
    Matcher m = label == null ? null : SETTING.matcher(label.strip());
    if (m == null || !m.matches()) {
      return null;
    }
    return "--" + m.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static boolean isNamePart(int c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
  }
}
