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

  private static final Pattern ATX =
      Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-{2,})[ \\t]*$");
  private static final Pattern FRONT_TITLE =
      Pattern.compile("(?m)^title:[ \\t]*[\"']?(.*?)[\"']?[ \\t]*$");

  ExtractedDocument read(String markdown, int maxChars) {
    String text = markdown.replace("\r\n", "\n").replace('\r', '\n');
    String frontTitle = null;
    if (text.startsWith("---\n")) {
      int close = text.indexOf("\n---", 4);
      if (close > 0 && (close + 4 == text.length() || text.charAt(close + 4) == '\n')) {
        Matcher m = FRONT_TITLE.matcher(text.substring(4, close));
        frontTitle = m.find() && !m.group(1).isBlank() ? m.group(1).strip() : null;
        text = text.substring(Math.min(text.length(), close + 4));
      }
    }
    SegmentCollector collector = new SegmentCollector(maxChars);
    List<String> lines = List.of(text.split("\n", -1));
    List<String> section = new ArrayList<>();
    String fence = null;
    for (int i = 0; i < lines.size(); i++) {
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
      Matcher atx = ATX.matcher(line);
      if (fence == null && atx.matches() && !atx.group(2).isBlank()) {
        collector.paragraph(String.join("\n", section));
        section.clear();
        collector.heading(atx.group(1).length(), atx.group(2).strip(), line);
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
}
