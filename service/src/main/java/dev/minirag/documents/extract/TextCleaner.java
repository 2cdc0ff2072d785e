package dev.minirag.documents.extract;

/**
 * Normalizes extracted text so offsets and chunk boundaries are predictable: Unix newlines, no
 * control characters, no trailing spaces, at most one blank line in a row, trimmed.
 *
 * <p>One pass over the input, by hand: the regular expressions this replaced ({@code [
 * \t\u00A0]+\n} and friends) retried a whitespace run from each of its characters, so a long run
 * with no newline after it cost time quadratic in its length (a 100 KB file of spaces took 30 s).
 */
final class TextCleaner {

  private TextCleaner() {}

  static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int spaceRunStart = -1; // where the trailing run of spaces, tabs and NBSPs begins in `out`
    int newlines = 0; // newlines at the end of `out`, counting only those after the last text
    for (int i = 0; i < text.length(); i++) {
      if (i % Cancellation.EVERY == 0) {
        Cancellation.check();
      }
      char c = text.charAt(i);
      if (c == '\r') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          continue; // the \n that follows ends the line
        }
        c = '\n';
      }
      if (c == '\n') {
        if (spaceRunStart >= 0) {
          out.setLength(spaceRunStart);
          spaceRunStart = -1;
        }
        if (++newlines <= 2) {
          out.append('\n');
        }
      } else if (isControl(c)) {
        // dropped; it neither ends a run of spaces nor separates newlines
      } else if (c == ' ' || c == '\t' || c == '\u00A0') {
        if (spaceRunStart < 0) {
          spaceRunStart = out.length();
        }
        out.append(c);
      } else {
        spaceRunStart = -1;
        newlines = 0;
        out.append(c);
      }
    }
    return out.toString().strip();
  }

  private static boolean isControl(char c) {
    return (c <= 0x1F && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  }
}
