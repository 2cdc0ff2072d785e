package dev.minirag.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * The best {@code k} documents of a query by score, ties broken by chunk id, so every node ranks
 * alike whatever its index's document order.
 *
 * <p>Sorting by score then id makes Lucene score every matching document, which over a large
 * workspace is most of a search's time. Collecting by score alone lets Lucene skip the blocks that
 * cannot reach the top (block-max WAND) but breaks ties by document order. So the top {@code k + 1}
 * are collected by score first: when the {@code k}th score is strictly above the next, the top
 * {@code k} are exactly the documents scoring at least the {@code k}th, and only their order
 * remains to be set by id. A tie across that boundary falls back to the full sort.
 */
final class TopHits {

  private static final Sort BY_SCORE_THEN_ID =
      new Sort(SortField.FIELD_SCORE, new SortField(LuceneIndex.ID, SortField.Type.STRING));

  private TopHits() {}

  static List<RankedHit> of(IndexSearcher searcher, Query q, int k) throws IOException {
    TopDocs top = searcher.search(q, k + 1);
    ScoreDoc[] docs = top.scoreDocs;
    if (docs.length > k && docs[k].score == docs[k - 1].score) {
      return sorted(searcher, q, k);
    }
    List<Scored> scored = new ArrayList<>(Math.min(k, docs.length));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (int i = 0; i < Math.min(k, docs.length); i++) {
      scored.add(new Scored(id(leaves, docs[i].doc), docs[i].score));
    }
    scored.sort(Comparator.comparing(Scored::score).reversed().thenComparing(Scored::id));
    List<RankedHit> hits = new ArrayList<>(scored.size());
    for (Scored s : scored) {
      hits.add(new RankedHit(UUID.fromString(s.id()), s.score(), hits.size() + 1));
    }
    return hits;
  }

  /** Every matching document scored and sorted by score, then id. */
  static List<RankedHit> sorted(IndexSearcher searcher, Query q, int k) throws IOException {
    ScoreDoc[] docs = searcher.search(q, k, BY_SCORE_THEN_ID, true).scoreDocs;
    List<RankedHit> hits = new ArrayList<>(docs.length);
    for (ScoreDoc sd : docs) {
      FieldDoc fd = (FieldDoc) sd;
      UUID id = UUID.fromString(((BytesRef) fd.fields[1]).utf8ToString());
      hits.add(new RankedHit(id, fd.score, hits.size() + 1));
    }
    return hits;
  }

  /** The chunk id of a top-level document, from the id's doc values (as the sort reads it). */
  private static String id(List<LeafReaderContext> leaves, int doc) throws IOException {
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedDocValues ids = leaf.reader().getSortedDocValues(LuceneIndex.ID);
    if (ids == null || !ids.advanceExact(doc - leaf.docBase)) {
      throw new IllegalStateException("a chunk document without its id");
    }
    return ids.lookupOrd(ids.ordValue()).utf8ToString();
  }

  private record Scored(String id, float score) {}
}
