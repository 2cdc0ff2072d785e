package dev.minirag.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score-first collection ranks exactly as scoring every document and sorting by id would. */
class TopHitsTest {

  private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "omega", "zeta"};

  @Test
  void ranksAsTheFullSortWithDistinctScoresAndWithTies(@TempDir Path dir) throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      for (int i = 0; i < 5000; i++) {
        // Random lengths and counts give mostly distinct scores; every tenth document is the
        // same text, so those tie with each other wherever they rank.
        String text = i % 10 == 0 ? "alpha beta" : words(r, 2 + r.nextInt(40));
        Document doc = new Document();
        doc.add(new TextField("body", text, Field.Store.NO));
        doc.add(new SortedDocValuesField(LuceneIndex.ID, new BytesRef(uuid(r).toString())));
        w.addDocument(doc);
        if (i % 1000 == 999) {
          w.commit(); // several segments, so documents resolve across leaves
        }
      }
      w.commit();
      try (DirectoryReader reader = DirectoryReader.open(d)) {
        IndexSearcher s = new IndexSearcher(reader);
        int fastPath = 0;
        int fallback = 0;
        for (String[] terms : List.of(new String[] {"alpha", "beta"}, new String[] {"gamma"})) {
          Query q = bag(terms);
          for (int k : new int[] {1, 5, 10, 100, 500, 1000, 6000}) {
            assertThat(TopHits.of(s, q, k)).as("k %d", k).isEqualTo(sorted(s, q, k));
            ScoreDoc[] top = s.search(q, k + 1).scoreDocs;
            if (top.length > k && top[k].score == top[k - 1].score) {
              fallback++;
            } else {
              fastPath++;
            }
          }
        }
        // Both branches (a strict boundary, a tie across it) were compared against the full sort.
        assertThat(fastPath).isGreaterThan(3);
        assertThat(fallback).isGreaterThan(0);
      }
    }
  }

  /** The reference: every matching document scored and sorted by score, then id. */
  private static List<RankedHit> sorted(IndexSearcher s, Query q, int k) throws Exception {
    Sort byScoreThenId =
        new Sort(SortField.FIELD_SCORE, new SortField(LuceneIndex.ID, SortField.Type.STRING));
    List<RankedHit> hits = new ArrayList<>();
    for (ScoreDoc sd : s.search(q, k, byScoreThenId, true).scoreDocs) {
      FieldDoc fd = (FieldDoc) sd;
      UUID id = UUID.fromString(((BytesRef) fd.fields[1]).utf8ToString());
      hits.add(new RankedHit(id, fd.score, hits.size() + 1));
    }
    return hits;
  }

  private static Query bag(String... terms) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String t : terms) {
      b.add(new TermQuery(new Term("body", t)), Occur.SHOULD);
    }
    return b.build();
  }

  private static String words(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
    }
    return sb.toString();
  }

  private static UUID uuid(SplittableRandom r) {
    return new UUID(r.nextLong(), r.nextLong());
  }
}
