package dev.minirag.search;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.apache.lucene.util.BytesRef;

/**
 * BM25 statistics of one workspace's live documents. Every workspace shares the index, but its
 * ranking and its scores must not move when another workspace adds or removes documents (nor let a
 * caller learn through its scores whether other tenants hold a term), so document count, average
 * length and document frequencies are counted over that workspace's live documents only.
 *
 * <p>Per segment, a workspace's document count and token total are cached against the segment
 * reader's cache key, which changes whenever the segment gains deletions; so after a refresh only
 * new or changed segments are recounted, and the figures stay exact as documents come and go.
 * Document frequencies are counted per query by walking the term's postings alongside the
 * workspace's, which costs as much as scoring those postings; in a segment whose documents are all
 * the workspace's and live, they are the segment's own.
 */
final class WorkspaceStats {

  private final String field;
  private final String lengthField;
  private final String workspaceField;

  /** Segment reader key → workspace → its live documents' count and token total in that segment. */
  private final Map<IndexReader.CacheKey, Map<String, Totals>> perSegment =
      new ConcurrentHashMap<>();

  private record Totals(long docCount, long tokens) {}

  WorkspaceStats(String field, String lengthField, String workspaceField) {
    this.field = field;
    this.lengthField = lengthField;
    this.workspaceField = workspaceField;
  }

  /** A searcher over {@code reader} whose statistics for the text field are the workspace's. */
  IndexSearcher searcher(IndexReader reader, String workspaceId) {
    return new Searcher(reader, new BytesRef(workspaceId));
  }

  /** Segments with cached totals: a closed segment's entry goes with it. */
  int cachedSegments() {
    return perSegment.size();
  }

  private final class Searcher extends IndexSearcher {
    private final BytesRef workspace;

    Searcher(IndexReader reader, BytesRef workspace) {
      super(reader);
      this.workspace = workspace;
    }

    @Override
    public CollectionStatistics collectionStatistics(String f) throws IOException {
      if (!field.equals(f)) {
        return super.collectionStatistics(f);
      }
      long docCount = 0;
      long tokens = 0;
      for (LeafReaderContext ctx : getIndexReader().leaves()) {
        Totals t = totals(ctx.reader(), workspace);
        docCount += t.docCount();
        tokens += t.tokens();
      }
      if (docCount == 0) {
        // Nothing of this workspace can match, but Lucene still builds a scorer for the term.
        return new CollectionStatistics(f, 1, 1, 1, 1);
      }
      // BM25 reads docCount and sumTotalTermFreq only; sumDocFreq just has to be within bounds.
      return new CollectionStatistics(f, docCount, docCount, tokens, docCount);
    }

    @Override
    public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq)
        throws IOException {
      if (!field.equals(term.field())) {
        return super.termStatistics(term, docFreq, totalTermFreq);
      }
      long df = 0;
      long ttf = 0;
      for (LeafReaderContext ctx : getIndexReader().leaves()) {
        LeafReader leaf = ctx.reader();
        if (ownsWholeSegment(leaf, workspace)) {
          // The segment's own figures are the workspace's: no walk over the term's postings, which
          // in a large workspace cost as much as scoring them (72 % of BM25 samples at 1M chunks).
          TermsEnum te = seek(leaf, term);
          if (te != null) {
            df += te.docFreq();
            ttf += te.totalTermFreq();
          }
          continue;
        }
        PostingsEnum docs = postings(leaf, term, PostingsEnum.FREQS);
        PostingsEnum mine =
            docs == null
                ? null
                : postings(leaf, new Term(workspaceField, workspace), PostingsEnum.NONE);
        if (mine == null) {
          continue;
        }
        Bits live = leaf.getLiveDocs();
        int doc = docs.nextDoc();
        while (doc != DocIdSetIterator.NO_MORE_DOCS) {
          int other = mine.docID() < doc ? mine.advance(doc) : mine.docID();
          if (other == DocIdSetIterator.NO_MORE_DOCS) {
            break;
          }
          if (other == doc) {
            if (live == null || live.get(doc)) {
              df++;
              ttf += docs.freq();
            }
            doc = docs.nextDoc();
          } else {
            doc = docs.advance(other);
          }
        }
      }
      // Only other workspaces (or deleted documents) hold the term: none of ours can score with it.
      return df == 0
          ? new TermStatistics(term.bytes(), 1, 1)
          : new TermStatistics(term.bytes(), df, ttf);
    }
  }

  /**
   * Every document of the segment is the workspace's, live and with text: its count of them (cached
   * per segment, live documents only) equals the segment's size, which a deletion would make
   * larger.
   */
  private boolean ownsWholeSegment(LeafReader leaf, BytesRef workspace) throws IOException {
    return totals(leaf, workspace).docCount() == leaf.maxDoc();
  }

  private Totals totals(LeafReader leaf, BytesRef workspace) throws IOException {
    IndexReader.CacheHelper helper = leaf.getReaderCacheHelper();
    if (helper == null) {
      return count(leaf, workspace);
    }
    Map<String, Totals> byWorkspace = perSegment.get(helper.getKey());
    if (byWorkspace == null) {
      byWorkspace = new ConcurrentHashMap<>();
      Map<String, Totals> raced = perSegment.putIfAbsent(helper.getKey(), byWorkspace);
      if (raced == null) {
        helper.addClosedListener(perSegment::remove);
      } else {
        byWorkspace = raced;
      }
    }
    String key = workspace.utf8ToString();
    Totals cached = byWorkspace.get(key);
    if (cached == null) {
      cached = count(leaf, workspace);
      byWorkspace.put(key, cached);
    }
    return cached;
  }

  /** Live documents of the workspace with at least one token, and their token total. */
  private Totals count(LeafReader leaf, BytesRef workspace) throws IOException {
    PostingsEnum mine = postings(leaf, new Term(workspaceField, workspace), PostingsEnum.NONE);
    NumericDocValues lengths = leaf.getNumericDocValues(lengthField);
    if (mine == null || lengths == null) {
      return new Totals(0, 0);
    }
    Bits live = leaf.getLiveDocs();
    long docCount = 0;
    long tokens = 0;
    for (int doc = mine.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = mine.nextDoc()) {
      if ((live == null || live.get(doc)) && lengths.advanceExact(doc) && lengths.longValue() > 0) {
        docCount++;
        tokens += lengths.longValue();
      }
    }
    return new Totals(docCount, tokens);
  }

  private static PostingsEnum postings(LeafReader leaf, Term term, int flags) throws IOException {
    TermsEnum te = seek(leaf, term);
    return te == null ? null : te.postings(null, flags);
  }

  /** The segment's terms positioned on {@code term}, or null when the segment lacks it. */
  private static TermsEnum seek(LeafReader leaf, Term term) throws IOException {
    Terms terms = leaf.terms(term.field());
    if (terms == null) {
      return null;
    }
    TermsEnum te = terms.iterator();
    return te.seekExact(term.bytes()) ? te : null;
  }
}
