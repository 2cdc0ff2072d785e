package dev.minirag.documents.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Gathers paragraphs into segments. A heading or a page change closes the current segment, so each
 * segment has one page and one heading path. It also enforces the text limit while text arrives,
 * which stops a parser early instead of after it has filled memory.
 */
final class SegmentCollector {

  private final int maxChars;
  private final List<Segment> segments = new ArrayList<>();
  private final StringBuilder current = new StringBuilder();
  private final String[] headings = new String[6];
  private Integer page;
  private String firstHeading;
  private long total;

  SegmentCollector(int maxChars) {
    this.maxChars = maxChars;
  }

  void startPage(int number) {
    flush();
    page = number;
  }

  void endPage() {
    flush();
    page = null;
  }

  /**
   * Starts a section under a heading of the given level (1-6). The heading's text opens the new
   * segment, so chunks quote the document as written; {@code pathText} is the name kept in the
   * path.
   */
  void heading(int level, String pathText, String text) {
    flush();
    int index = Math.max(1, Math.min(6, level)) - 1;
    headings[index] = pathText;
    Arrays.fill(headings, index + 1, headings.length, null);
    if (firstHeading == null) {
      firstHeading = pathText;
    }
    paragraph(text);
  }

  void paragraph(String text) {
    Cancellation.check();
    String clean = TextCleaner.clean(text);
    if (clean.isEmpty()) {
      return;
    }
    if (current.length() > 0) {
      current.append("\n\n");
    }
    current.append(clean);
    total += clean.length() + 2;
    if (total > maxChars) {
      throw ExtractionException.tooLarge(
          "The document's text is longer than the limit of " + maxChars + " characters.");
    }
  }

  String firstHeading() {
    return firstHeading;
  }

  List<Segment> finish() {
    flush();
    return List.copyOf(segments);
  }

  private void flush() {
    if (current.length() == 0) {
      return;
    }
    List<String> path = Arrays.stream(headings).filter(Objects::nonNull).toList();
    segments.add(new Segment(current.toString(), page, null, null, path));
    current.setLength(0);
  }
}
