package dev.minirag.documents.extract;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Turns a stream of XHTML-ish element events into paragraphs, headings and pages. It is fed by
 * Tika's SAX output (PDF, Office, EPUB) and by a jsoup DOM walk (HTML), so both produce text the
 * same way: block elements end paragraphs, table cells are tab-separated, rows are lines, h1-h6
 * open sections.
 */
final class BlockTextBuilder {

  /** What marks a page: nothing, Tika's {@code div.page} (PDF), or {@code div.slide-content}. */
  enum Pages {
    NONE(null),
    PDF_PAGES("page"),
    SLIDES("slide-content");

    private final String divClass;

    Pages(String divClass) {
      this.divClass = divClass;
    }
  }

  private static final Set<String> SKIPPED = Set.of("head", "script", "style", "template", "title");

  /**
   * Tika's wrappers for slide masters, speaker notes and embedded files. Masters and notes carry
   * placeholder text (dates, "‹#›"); dropping them keeps each slide's segment to what it shows.
   */
  private static final Set<String> SLIDE_CHROME =
      Set.of("slide-master-content", "slide-notes", "slide-notes-content", "embedded");

  private static final Set<String> BLOCKS =
      Set.of(
          ("p div li ul ol dl dt dd blockquote pre section article main figure figcaption caption"
                  + " address hr body header footer aside nav details summary")
              .split(" "));

  private final SegmentCollector out;
  private final Pages pages;
  private final StringBuilder block = new StringBuilder();
  private final Deque<Boolean> pageMarkers = new ArrayDeque<>();
  private int skipDepth;
  private int tableDepth;
  private int cellDepth;
  private int cellsInRow;
  private int preDepth;
  private int headingLevel;
  private int page;
  private boolean inPage;

  BlockTextBuilder(SegmentCollector out, Pages pages) {
    this.out = out;
    this.pages = pages;
  }

  void start(String tag, String cssClass) {
    Cancellation.check();
    if (skipDepth > 0 || SKIPPED.contains(tag) || isSlideChrome(tag, cssClass)) {
      skipDepth++;
      return;
    }
    boolean pageStart =
        pages != Pages.NONE && tag.equals("div") && hasClass(cssClass, pages.divClass);
    pageMarkers.push(pageStart);
    if (pageStart) {
      flush();
      out.startPage(++page);
      inPage = true;
      return;
    }
    int level = headingLevel(tag);
    if (level > 0 && tableDepth == 0) {
      flush();
      headingLevel = level;
      return;
    }
    switch (tag) {
      case "table" -> {
        if (tableDepth++ == 0) {
          flush();
        }
      }
      case "tr" -> cellsInRow = 0;
      case "td", "th" -> {
        if (cellsInRow++ > 0) {
          block.append('\t');
        }
        cellDepth++;
      }
      case "br" -> block.append('\n');
      case "pre" -> {
        flushOutsideTable();
        preDepth++;
      }
      default -> {
        if (BLOCKS.contains(tag)) {
          flushOutsideTable();
        }
      }
    }
  }

  void end(String tag) {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (Boolean.TRUE.equals(pageMarkers.poll())) {
      flush();
      out.endPage();
      inPage = false;
      return;
    }
    if (headingLevel > 0 && headingLevel(tag) == headingLevel) {
      String text = collapse(block.toString());
      block.setLength(0);
      if (!text.isEmpty()) {
        out.heading(headingLevel, text, text);
      }
      headingLevel = 0;
      return;
    }
    switch (tag) {
      case "table" -> {
        if (--tableDepth == 0) {
          flush();
        }
      }
      case "tr" -> block.append('\n');
      case "td", "th" -> cellDepth--;
      case "pre" -> {
        flushOutsideTable(); // while preDepth still says "keep the layout"
        preDepth--;
      }
      default -> {
        if (BLOCKS.contains(tag)) {
          flushOutsideTable();
        }
      }
    }
  }

  void text(String text) {
    if (skipDepth > 0 || (pages != Pages.NONE && !inPage)) {
      return;
    }
    if (tableDepth > 0 && cellDepth == 0) {
      return; // whitespace between cells and rows; the builder writes its own separators
    }
    if (preDepth > 0) {
      block.append(text);
    } else {
      // Source line breaks and tabs are layout, not content (HTML source, PDF line wrapping).
      appendCollapsed(text);
    }
  }

  void finish() {
    flush();
  }

  private void flushOutsideTable() {
    if (tableDepth == 0) {
      flush();
    }
  }

  private void flush() {
    if (headingLevel > 0) {
      return; // a block inside a heading (rare) belongs to the heading's text
    }
    String text = preDepth > 0 ? block.toString() : collapse(block.toString());
    block.setLength(0);
    out.paragraph(text);
  }

  /** Appends {@code text} with each run of whitespace (NBSP included) as one space. */
  private void appendCollapsed(String text) {
    boolean inRun = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f';
      if (space || c == '\r' || c == '\u00A0') {
        if (!inRun) {
          block.append(' ');
        }
        inRun = true;
      } else {
        block.append(c);
        inRun = false;
      }
    }
  }

  /**
   * Joins what {@link #text} appended: single spaces, none around the tab and line separators. One
   * pass by hand; regular expressions over runs of blanks are where quadratic time hides.
   */
  static String collapse(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    boolean afterSeparator = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        pendingSpace = true;
      } else if (c == '\t' || c == '\n') {
        out.append(c);
        pendingSpace = false;
        afterSeparator = true;
      } else {
        if (pendingSpace && !afterSeparator) {
          out.append(' ');
        }
        out.append(c);
        pendingSpace = false;
        afterSeparator = false;
      }
    }
    return out.toString().strip();
  }

  private boolean isSlideChrome(String tag, String cssClass) {
    if (pages != Pages.SLIDES || !tag.equals("div") || cssClass == null) {
      return false;
    }
    for (String c : cssClass.split("\\s+")) {
      if (SLIDE_CHROME.contains(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasClass(String cssClass, String wanted) {
    if (cssClass == null) {
      return false;
    }
    for (String c : cssClass.split("\\s+")) {
      if (c.equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static int headingLevel(String tag) {
    if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
      return tag.charAt(1) - '0';
    }
    return 0;
  }
}
