package dev.minirag.documents.chunk;

import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a range of text into the smallest pieces the packer needs, coarsest first: paragraphs up to
 * the target size stay whole; longer ones fall apart into sentences; a sentence over the target
 * that spans lines (a table, a list) into lines; anything still over the hard cap into runs of
 * words; and only a single token longer than the cap is cut inside itself. Every piece is trimmed,
 * so no piece starts or ends inside a word.
 */
final class Splitter {

  private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n");

  private final String text;
  private final ChunkingConfig config;

  Splitter(String text, ChunkingConfig config) {
    this.text = text;
    this.config = config;
  }

  List<Span> pieces(int start, int end) {
    List<Span> out = new ArrayList<>();
    forEachParagraph(start, end, (ps, pe) -> paragraph(ps, pe, out));
    return out;
  }

  /**
   * Sentence starts strictly inside [start, end), ascending, each on a non-space character.
   * Paragraph starts count as sentence starts: a heading line has no full stop to end it.
   */
  List<Integer> sentenceStarts(int start, int end) {
    List<Integer> starts = new ArrayList<>();
    forEachParagraph(
        start,
        end,
        (ps, pe) -> {
          if (ps > start) {
            starts.add(ps);
          }
          BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
          sentences.setText(new StringCharacterIterator(text, ps, pe, ps));
          for (int b = sentences.next(); b != BreakIterator.DONE && b < pe; b = sentences.next()) {
            int p = skipSpace(b, pe);
            if (p > ps && p < pe) {
              starts.add(p);
            }
          }
        });
    return starts;
  }

  private void paragraph(int start, int end, List<Span> out) {
    if (end - start <= config.targetChars()) {
      out.add(Span.text(start, end));
      return;
    }
    List<Integer> bounds = new ArrayList<>(sentenceStarts(start, end));
    bounds.add(0, start);
    bounds.add(end);
    for (int i = 0; i + 1 < bounds.size(); i++) {
      int ss = bounds.get(i);
      int se = trimEnd(ss, bounds.get(i + 1));
      if (se > ss) {
        sentence(ss, se, out);
      }
    }
  }

  private void sentence(int start, int end, List<Span> out) {
    if (end - start <= config.targetChars()) {
      out.add(Span.text(start, end));
    } else if (text.substring(start, end).indexOf('\n') >= 0) {
      int lineStart = start;
      for (int i = start; i <= end; i++) {
        if (i == end || text.charAt(i) == '\n') {
          int ls = skipSpace(lineStart, i);
          int le = trimEnd(ls, i);
          if (le > ls) {
            line(ls, le, out);
          }
          lineStart = i + 1;
        }
      }
    } else {
      line(start, end, out);
    }
  }

  private void line(int start, int end, List<Span> out) {
    if (end - start <= config.maxChars()) {
      out.add(Span.text(start, end));
    } else {
      words(start, end, out);
    }
  }

  /** Runs of whole words up to the target; a token over the hard cap is cut at the cap. */
  private void words(int start, int end, List<Span> out) {
    int pos = start;
    while (pos < end) {
      if (end - pos <= config.targetChars()) {
        out.add(Span.text(pos, end));
        return;
      }
      int cut = lastSpaceBefore(pos, pos + config.targetChars());
      int pieceEnd;
      if (cut > pos) {
        pieceEnd = trimEnd(pos, cut);
      } else {
        // Looks no further than the cap: scanning to the end of a 2 MB token on every cut was
        // quadratic in its length.
        int tokenEnd = nextSpace(pos, Math.min(end, pos + config.maxChars() + 1));
        pieceEnd =
            tokenEnd - pos <= config.maxChars() ? tokenEnd : hardCut(pos + config.maxChars());
      }
      out.add(Span.text(pos, pieceEnd));
      pos = skipSpace(pieceEnd, end);
    }
  }

  private void forEachParagraph(int start, int end, BiConsumer<Integer, Integer> action) {
    Matcher m = BLANK_LINE.matcher(text).region(start, end);
    int from = start;
    while (true) {
      boolean found = m.find();
      int to = found ? m.start() : end;
      int ps = skipSpace(from, to);
      int pe = trimEnd(ps, to);
      if (pe > ps) {
        action.accept(ps, pe);
      }
      if (!found) {
        return;
      }
      from = m.end();
    }
  }

  /** Never separates a surrogate pair. */
  private int hardCut(int at) {
    return Character.isHighSurrogate(text.charAt(at - 1)) ? at - 1 : at;
  }

  private int lastSpaceBefore(int from, int limit) {
    for (int i = limit; i > from; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private int nextSpace(int from, int end) {
    int i = from;
    while (i < end && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private int skipSpace(int from, int end) {
    int i = from;
    while (i < end && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private int trimEnd(int start, int end) {
    int i = end;
    while (i > start && Character.isWhitespace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }
}
