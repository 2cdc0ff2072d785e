package dev.minirag.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;

/**
 * The best {@code k} documents of a query by score, ties broken by chunk id, so every node ranks
 * alike whatever its index's document order.
 *
 * <p>Sorting by score then id makes Lucene score every matching document, which over a large
 * workspace is most of a search's time. Collecting by score alone lets Lucene skip the blocks that
 * cannot reach the top (block-max WAND) but breaks ties by document order. So the top {@code k + 1}
 * are collected by score first: when the {@code k}th score is strictly above the next, the top
 * {@code k} are exactly the documents scoring at least the {@code k}th, and only their order
 * remains to be set by id. When scores tie across that boundary (repeated text), a second pass
 * collects every document scoring at least the {@code k}th score, still skipping the rest, and
 * keeps the best {@code k} by score, then id.
 */
final class TopHits {

  private static final Comparator<Scored> BEST_FIRST =
      Comparator.comparing(Scored::score).reversed().thenComparing(Scored::id);

  private TopHits() {}

  static List<RankedHit> of(IndexSearcher searcher, Query q, int k) throws IOException {
    ScoreDoc[] docs = searcher.search(q, k + 1).scoreDocs;
    List<Scored> best;
    if (docs.length > k && docs[k].score == docs[k - 1].score) {
      AtLeast atLeast = new AtLeast(docs[k - 1].score, k);
      searcher.search(q, atLeast);
      best = atLeast.best();
    } else {
      best = new ArrayList<>(Math.min(k, docs.length));
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      for (int i = 0; i < Math.min(k, docs.length); i++) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i].doc, leaves));
        SortedDocValues ids = leaf.reader().getSortedDocValues(LuceneIndex.ID);
        best.add(new Scored(id(ids, docs[i].doc - leaf.docBase), docs[i].score));
      }
      best.sort(BEST_FIRST);
    }
    List<RankedHit> hits = new ArrayList<>(best.size());
    for (Scored s : best) {
      hits.add(new RankedHit(UUID.fromString(s.id()), s.score(), hits.size() + 1));
    }
    return hits;
  }

  /** The chunk id of a leaf's document, from the id's doc values. */
  private static String id(SortedDocValues ids, int doc) throws IOException {
    if (ids == null || !ids.advanceExact(doc)) {
      throw new IllegalStateException("a chunk document without its id");
    }
    return ids.lookupOrd(ids.ordValue()).utf8ToString();
  }

  /**
   * The best {@code k}, by score then id, of the documents scoring at least {@code min}; the scorer
   * may skip every document below it.
   */
  private static final class AtLeast implements Collector {
    private final float min;
    private final int k;
    // The worst kept hit at the head, so a better one can replace it.
    private final PriorityQueue<Scored> kept;

    AtLeast(float min, int k) {
      this.min = min;
      this.k = k;
      this.kept = new PriorityQueue<>(k, BEST_FIRST.reversed());
    }

    List<Scored> best() {
      List<Scored> best = new ArrayList<>(kept);
      best.sort(BEST_FIRST);
      return best;
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.TOP_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext leaf) throws IOException {
      SortedDocValues ids = leaf.reader().getSortedDocValues(LuceneIndex.ID);
      return new LeafCollector() {
        private Scorable scorer;

        @Override
        public void setScorer(Scorable scorer) throws IOException {
          this.scorer = scorer;
          scorer.setMinCompetitiveScore(min);
        }

        @Override
        public void collect(int doc) throws IOException {
          float score = scorer.score();
          if (score < min) {
            return;
          }
          Scored s = new Scored(id(ids, doc), score);
          if (kept.size() < k) {
            kept.add(s);
          } else if (BEST_FIRST.compare(s, kept.peek()) < 0) {
            kept.poll();
            kept.add(s);
          }
        }
      };
    }
  }

  private record Scored(String id, float score) {}
}
