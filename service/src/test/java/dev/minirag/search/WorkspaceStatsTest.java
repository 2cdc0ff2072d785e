package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceStatsTest {

  private final WorkspaceStats stats = new WorkspaceStats("body", "tokens", "ws");

  /**
   * A segment holding only the workspace's documents answers from its own figures, a mixed one by
   * walking the postings; both must count the workspace's live documents only.
   */
  @Test
  void documentFrequenciesCountTheWorkspacesLiveDocumentsWhateverTheSegmentHolds(@TempDir Path dir)
      throws Exception {
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w =
            new IndexWriter(
                d,
                new IndexWriterConfig(new StandardAnalyzer())
                    .setMergePolicy(NoMergePolicy.INSTANCE))) {
      // Segment 1: workspace a only.
      add(w, "a1", "a", "tide tide pool");
      add(w, "a2", "a", "tide rock");
      add(w, "a3", "a", "harbour");
      w.commit();
      // Segment 2: both workspaces.
      add(w, "a4", "a", "tide");
      add(w, "b1", "b", "tide tide tide");
      add(w, "b2", "b", "tide");
      w.commit();
      try (DirectoryReader r = DirectoryReader.open(w)) {
        assertThat(r.leaves()).hasSize(2);
        assertThat(statistics(r, "a", "tide")).containsExactly(3L, 4L);
        assertThat(statistics(r, "b", "tide")).containsExactly(2L, 4L);
        assertThat(statistics(r, "a", "harbour")).containsExactly(1L, 1L);
      }
      // A deletion in the workspace's own segment: its figures would count the deleted document.
      w.deleteDocuments(new Term("id", "a1"));
      w.commit();
      try (DirectoryReader r = DirectoryReader.open(w)) {
        assertThat(statistics(r, "a", "tide")).containsExactly(2L, 2L);
        assertThat(statistics(r, "a", "pool")).containsExactly(1L, 1L); // none left: reported as 1
      }
    }
  }

  private long[] statistics(DirectoryReader r, String workspace, String word) throws Exception {
    IndexSearcher s = stats.searcher(r, workspace);
    TermStatistics t = s.termStatistics(new Term("body", word), 1, 1);
    return new long[] {t.docFreq(), t.totalTermFreq()};
  }

  private static void add(IndexWriter w, String id, String workspace, String text)
      throws Exception {
    Document doc = new Document();
    doc.add(new StringField("id", id, Field.Store.NO));
    doc.add(new StringField("ws", workspace, Field.Store.NO));
    doc.add(new TextField("body", text, Field.Store.NO));
    doc.add(new NumericDocValuesField("tokens", text.split(" ").length));
    w.addDocument(doc);
  }
}
