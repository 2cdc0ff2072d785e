package dev.minirag.search;

import java.io.IOException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.Bits;

/**
 * A searcher whose BM25 statistics count live documents only. Lucene's own statistics include
 * deleted (updated or removed) documents until a merge drops them, so two nodes with the same
 * chunks but different histories would score differently; with this, a node's scores depend only
 * on what it holds. Costs nothing while the index has no deletions; otherwise one pass over a doc
 * value per refresh and one extra postings pass per query term.
 */
final class LiveStatsSearcher extends IndexSearcher {

  private final String field;
  private final String lengthField;
  private final CollectionStatistics live;

  LiveStatsSearcher(IndexReader reader, String field, String lengthField) throws IOException {
    super(reader);
    this.field = field;
    this.lengthField = lengthField;
    this.live = reader.numDeletedDocs() == 0 ? null : liveCollectionStatistics(reader);
  }

  private boolean recount(String f) {
    return field.equals(f) && getIndexReader().numDeletedDocs() > 0;
  }

  @Override
  public CollectionStatistics collectionStatistics(String f) throws IOException {
    if (!recount(f) || live == null) {
      return super.collectionStatistics(f); // live == null: every document with the field is deleted
    }
    return live;
  }

  @Override
  public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
    if (!recount(term.field())) {
      return super.termStatistics(term, docFreq, totalTermFreq);
    }
    long df = 0;
    long ttf = 0;
    for (LeafReaderContext ctx : getIndexReader().leaves()) {
      LeafReader leaf = ctx.reader();
      Terms terms = leaf.terms(term.field());
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(term.bytes())) {
        continue;
      }
      Bits liveDocs = leaf.getLiveDocs();
      PostingsEnum postings = te.postings(null, PostingsEnum.FREQS);
      for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
        if (liveDocs == null || liveDocs.get(doc)) {
          df++;
          ttf += postings.freq();
        }
      }
    }
    // Only deleted documents hold the term: nothing live can score with it, but Lucene needs stats.
    return df == 0 ? new TermStatistics(term.bytes(), 1, 1) : new TermStatistics(term.bytes(), df, ttf);
  }

  /** Documents with at least one token in the field, and their token total, among live documents. */
  private CollectionStatistics liveCollectionStatistics(IndexReader reader) throws IOException {
    long docCount = 0;
    long sumTotalTermFreq = 0;
    for (LeafReaderContext ctx : reader.leaves()) {
      LeafReader leaf = ctx.reader();
      NumericDocValues lengths = leaf.getNumericDocValues(lengthField);
      if (lengths == null) {
        continue;
      }
      Bits liveDocs = leaf.getLiveDocs();
      for (int doc = lengths.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = lengths.nextDoc()) {
        long length = lengths.longValue();
        if (length > 0 && (liveDocs == null || liveDocs.get(doc))) {
          docCount++;
          sumTotalTermFreq += length;
        }
      }
    }
    if (docCount == 0) {
      return null;
    }
    CollectionStatistics all = super.collectionStatistics(field);
    // BM25 does not read sumDocFreq; keep it within the bounds CollectionStatistics checks.
    long sumDocFreq = all == null ? docCount : Math.min(Math.max(all.sumDocFreq(), docCount), sumTotalTermFreq);
    return new CollectionStatistics(field, Math.max(reader.numDocs(), docCount), docCount, sumTotalTermFreq, sumDocFreq);
  }
}
