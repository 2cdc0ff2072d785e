package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzedTextTest {

  private static final List<String> TEXTS =
      List.of(
          "The patient's T-cells weren't responding; the patients' T-cells were.",
          "Running runners ran. Run, run, RUN! 3.14 and 1,000 x-rays (in vitro).",
          "",
          "über Straße café naïve — 東京 data 数据 emoji 🙂 ok",
          "the and of a an is to",
          "Vitamin D deficiency is associated with increased risk of fractures in the elderly");

  /**
   * An index built from the replayed tokens must be the index the analyzer builds from the text:
   * same terms, frequencies, positions and length norms. The streams are all made before any is
   * indexed, so the analyzer's reused components have moved on to other texts meanwhile.
   */
  @Test
  void indexesExactlyWhatTheAnalyzerWouldAndCountsItsTokens(@TempDir Path dir) throws Exception {
    Analyzer analyzer = new EnglishAnalyzer();
    List<AnalyzedText> replayed = new ArrayList<>();
    for (String text : TEXTS) {
      replayed.add(new AnalyzedText(analyzer, "body", text));
    }
    List<Document> fromText = new ArrayList<>();
    List<Document> fromTokens = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      fromText.add(doc(new TextField("body", TEXTS.get(i), Field.Store.NO)));
      fromTokens.add(doc(new TextField("body", replayed.get(i))));
      assertThat(replayed.get(i).count()).isEqualTo(countTokens(analyzer, TEXTS.get(i)));
    }
    assertThat(replayed.get(0).count()).isPositive();
    assertThat(replayed.get(2).count()).isZero();

    assertThat(postings(dir.resolve("tokens"), analyzer, fromTokens))
        .isEqualTo(postings(dir.resolve("text"), analyzer, fromText))
        .contains("stem run: doc 1 freq 4 positions [0, 3, 4, 5]");
  }

  private static Document doc(Field body) {
    Document d = new Document();
    d.add(body);
    return d;
  }

  private static int countTokens(Analyzer analyzer, String text) throws IOException {
    int n = 0;
    try (TokenStream ts = analyzer.tokenStream("body", text)) {
      ts.reset();
      while (ts.incrementToken()) {
        n++;
      }
      ts.end();
    }
    return n;
  }

  /** Every term's postings with positions, and every document's length norm, as lines. */
  private static List<String> postings(Path path, Analyzer analyzer, List<Document> docs)
      throws IOException {
    List<String> lines = new ArrayList<>();
    try (FSDirectory d = FSDirectory.open(path)) {
      try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(analyzer))) {
        for (Document doc : docs) {
          w.addDocument(doc);
        }
      }
      try (DirectoryReader r = DirectoryReader.open(d)) {
        assertThat(r.leaves()).hasSize(1);
        LeafReader leaf = r.leaves().get(0).reader();
        Terms terms = leaf.terms("body");
        TermsEnum te = terms.iterator();
        for (BytesRef t = te.next(); t != null; t = te.next()) {
          PostingsEnum pe = te.postings(null, PostingsEnum.POSITIONS);
          for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < pe.freq(); i++) {
              positions.add(pe.nextPosition());
            }
            lines.add(
                "stem "
                    + t.utf8ToString()
                    + ": doc "
                    + doc
                    + " freq "
                    + pe.freq()
                    + " positions "
                    + positions);
          }
        }
        NumericDocValues norms = leaf.getNormValues("body");
        for (int doc = norms.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = norms.nextDoc()) {
          lines.add("norm doc " + doc + " " + norms.longValue());
        }
      }
    }
    return lines;
  }
}
