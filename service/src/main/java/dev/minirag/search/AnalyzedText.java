package dev.minirag.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.util.AttributeSource;

/**
 * A field's text analyzed once, then replayed to the index as it came out of the analyzer. A
 * chunk's document needs its token count (for per-workspace statistics) before it is indexed, and
 * analysis (tokenizing, stop words, stemming) is most of what indexing a chunk costs: counting with
 * a second pass analyzed every chunk twice.
 *
 * <p>The analyzer's stream is consumed and closed here, so the analyzer may hand its reused
 * components to the next text at once; this stream only restores the captured tokens, and closing
 * it closes nothing.
 */
final class AnalyzedText extends TokenFilter {
  private final List<AttributeSource.State> tokens = new ArrayList<>();
  private final AttributeSource.State end;
  private int next;

  AnalyzedText(Analyzer analyzer, String field, String text) throws IOException {
    this(analyzer.tokenStream(field, text));
  }

  private AnalyzedText(TokenStream analyzed) throws IOException {
    super(analyzed);
    try (analyzed) {
      analyzed.reset();
      while (analyzed.incrementToken()) {
        tokens.add(captureState());
      }
      analyzed.end();
      end = captureState();
    }
  }

  /** How many tokens the analyzer made of the text. */
  int count() {
    return tokens.size();
  }

  @Override
  public boolean incrementToken() {
    if (next == tokens.size()) {
      return false;
    }
    restoreState(tokens.get(next++));
    return true;
  }

  @Override
  public void reset() {
    next = 0;
  }

  @Override
  public void end() {
    restoreState(end);
  }

  @Override
  public void close() {
    // The analyzer's stream was closed once it was read.
  }
}
