package dev.minirag.documents.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Markdown into sections at ATX ({@code ## Title}) and setext ({@code Title\n====})
 * headings, outside fenced code. The text is kept as written, markup included, so a citation quotes
 * the file; only a leading YAML front-matter block is removed (its {@code title:} becomes the
 * title).
 */
final class MarkdownReader {

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-{2,})[ \\t]*$");

  ExtractedDocument read(String markdown, int maxChars) {
    String text = markdown.replace("\r\n", "\n").replace('\r', '\n');
    String frontTitle = null;
    if (text.startsWith("---\n")) {
      int close = text.indexOf("\n---", 4);
      if (close > 0 && (close + 4 == text.length() || text.charAt(close + 4) == '\n')) {
        String value = frontTitle(text.substring(4, close));
        frontTitle = value != null && !value.isBlank() ? value.strip() : null;
        text = text.substring(Math.min(text.length(), close + 4));
      }
    }
    SegmentCollector collector = new SegmentCollector(maxChars);
    List<String> lines = List.of(text.split("\n", -1));
    List<String> section = new ArrayList<>();
    String fence = null;
    for (int i = 0; i < lines.size(); i++) {
      if (i % Cancellation.EVERY == 0) {
        Cancellation.check();
      }
      String line = lines.get(i);
      Matcher fenceMatch = FENCE.matcher(line);
      if (fenceMatch.find()) {
        if (fence == null) {
          fence = fenceMatch.group(1);
        } else if (fence.equals(fenceMatch.group(1))) {
          fence = null;
        }
        section.add(line);
        continue;
      }
      Atx atx = fence == null ? Atx.parse(line) : null;
      if (atx != null && !atx.text().isBlank()) {
        collector.paragraph(String.join("\n", section));
        section.clear();
        collector.heading(atx.level(), atx.text().strip(), line);
        continue;
      }
      boolean setext =
          fence == null
              && i + 1 < lines.size()
              && !line.isBlank()
              && (section.isEmpty() || section.get(section.size() - 1).isBlank())
              && SETEXT.matcher(lines.get(i + 1)).matches();
      if (setext) {
        collector.paragraph(String.join("\n", section));
        section.clear();
        int level = lines.get(i + 1).strip().startsWith("=") ? 1 : 2;
        collector.heading(level, line.strip(), line + "\n" + lines.get(i + 1));
        i++;
        continue;
      }
      section.add(line);
    }
    collector.paragraph(String.join("\n", section));
    String title = frontTitle != null ? frontTitle : collector.firstHeading();
    return new ExtractedDocument(title, DocumentFormat.MARKDOWN.mimeType(), collector.finish());
  }

  /**
   * The value of the first {@code title:} line of a front-matter block, without surrounding spaces,
   * tabs and one pair of quotes; null when there is none.
   */
  static String frontTitle(String frontMatter) {
    for (String line : frontMatter.split("\n", -1)) {
      if (line.startsWith("title:")) {
        int start = skipBlanks(line, "title:".length());
        if (start < line.length() && isQuote(line.charAt(start))) {
          start++;
        }
        int end = trimBlanks(line, start, line.length());
        if (end > start && isQuote(line.charAt(end - 1))) {
          end--;
        }
        return line.substring(start, end);
      }
    }
    return null;
  }

  /**
   * An ATX heading line: up to three spaces, one to six {@code #}, a space or tab, the text, and
   * optionally a closing run of {@code #} after a space or tab. Scanned by hand: the regular
   * expression it replaces tried every split of a long run of blanks, quadratic in the run.
   */
  record Atx(int level, String text) {
    static Atx parse(String line) {
      int i = 0;
      while (i < 3 && i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      int hashes = 0;
      while (i + hashes < line.length() && line.charAt(i + hashes) == '#') {
        hashes++;
      }
      int afterHashes = i + hashes;
      if (hashes == 0 || hashes > 6 || afterHashes >= line.length()) {
        return null;
      }
      if (!isBlank(line.charAt(afterHashes))) {
        return null;
      }
      int start = skipBlanks(line, afterHashes);
      int end = trimBlanks(line, start, line.length());
      int closing = end;
      while (closing > start && line.charAt(closing - 1) == '#') {
        closing--;
      }
      if (closing < end && closing > start && isBlank(line.charAt(closing - 1))) {
        end = trimBlanks(line, start, closing);
      }
      return new Atx(hashes, line.substring(start, end));
    }
  }

  private static int skipBlanks(String line, int from) {
    int i = from;
    while (i < line.length() && isBlank(line.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int trimBlanks(String line, int start, int end) {
    int i = end;
    while (i > start && isBlank(line.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }
}
