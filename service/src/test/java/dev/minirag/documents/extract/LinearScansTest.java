package dev.minirag.documents.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scans that replaced backtracking regular expressions give the same answers as
 * those expressions. The old expressions are the oracle here, on short random strings made of the
 * characters they care about (short, so their quadratic cost does not matter).
 */
class LinearScansTest {

  private static final String ALPHABET = "  \t\u00A0\n\r#a<>{}\\\"'=\u0001x";
  private static final int CASES = 20_000;

  @Test
  void textCleanerMatchesTheRegexVersion() {
    Pattern control = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    Pattern trailingSpace = Pattern.compile("[ \\t\\u00A0]+\\n");
    Pattern blankLines = Pattern.compile("\\n{3,}");
    forRandomStrings(
        ALPHABET,
        s -> {
          String unix = s.replace("\r\n", "\n").replace('\r', '\n');
          String visible = control.matcher(unix).replaceAll("");
          String trimmed = trailingSpace.matcher(visible).replaceAll("\n");
          String expected = blankLines.matcher(trimmed).replaceAll("\n\n").strip();
          assertThat(TextCleaner.clean(s)).as("clean(%s)", printable(s)).isEqualTo(expected);
        });
  }

  @Test
  void atxHeadingsMatchTheRegexVersion() {
    Pattern atx = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    forRandomStrings(
        "   \t###a#x\"",
        line -> {
          Matcher m = atx.matcher(line);
          String expected =
              m.matches() && !m.group(2).isBlank()
                  ? m.group(1).length() + ":" + m.group(2).strip()
                  : null;
          MarkdownReader.Atx actual = MarkdownReader.Atx.parse(line);
          String got =
              actual != null && !actual.text().isBlank()
                  ? actual.level() + ":" + actual.text().strip()
                  : null;
          assertThat(got).as("heading(%s)", printable(line)).isEqualTo(expected);
        });
  }

  @Test
  void frontMatterTitlesMatchTheRegexVersion() {
    Pattern title = Pattern.compile("(?m)^title:[ \\t]*[\"']?(.*?)[\"']?[ \\t]*$");
    forRandomStrings(
        " \t\"'ax:\n",
        tail -> {
          String front = (tail.hashCode() % 2 == 0 ? "title:" : "x\ntitle:") + tail;
          Matcher m = title.matcher(front);
          String expected = m.find() && !m.group(1).isBlank() ? m.group(1).strip() : null;
          String value = MarkdownReader.frontTitle(front);
          String got = value != null && !value.isBlank() ? value.strip() : null;
          assertThat(got).as("title(%s)", printable(front)).isEqualTo(expected);
        });
  }

  @Test
  void cueTagsAreStrippedAsTheRegexDid() {
    Pattern tag = Pattern.compile("<[^>\\n]*>|\\{\\\\[^}\\n]*}");
    forRandomStrings(
        "<<>>{{}}\\\\ab ",
        line ->
            assertThat(SubtitleReader.stripTags(line))
                .as("stripTags(%s)", printable(line))
                .isEqualTo(tag.matcher(line).replaceAll("")));
  }

  @Test
  void blockTextIsCollapsedAsTheRegexDid() {
    forRandomStrings(
        "    \t\nab\u2003",
        text -> {
          String expected =
              text.replaceAll(" {2,}", " ").replaceAll(" *([\\t\\n]) *", "$1").strip();
          assertThat(BlockTextBuilder.collapse(text))
              .as("collapse(%s)", printable(text))
              .isEqualTo(expected);
        });
  }

  private static void forRandomStrings(String alphabet, Consumer<String> check) {
    Random random = new Random(12);
    for (int i = 0; i < CASES; i++) {
      int length = random.nextInt(24);
      StringBuilder s = new StringBuilder(length);
      for (int j = 0; j < length; j++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      check.accept(s.toString());
    }
  }

  private static String printable(String s) {
    return s.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
  }
}
