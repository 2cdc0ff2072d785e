package dev.minirag.documents.extract;

import java.util.regex.Pattern;

/**
 * Normalizes extracted text so offsets and chunk boundaries are predictable: Unix newlines, no
 * control characters, no trailing spaces, at most one blank line in a row, trimmed.
 */
final class TextCleaner {

  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
  private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00A0]+\\n");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

  private TextCleaner() {}

  static String clean(String text) {
    String unix = text.replace("\r\n", "\n").replace('\r', '\n');
    String visible = CONTROL.matcher(unix).replaceAll("");
    String trimmedLines = TRAILING_SPACE.matcher(visible).replaceAll("\n");
    return BLANK_LINES.matcher(trimmedLines).replaceAll("\n\n").strip();
  }
}
