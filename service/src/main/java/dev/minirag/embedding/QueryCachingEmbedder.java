package dev.minirag.embedding;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;

/**
 * Remembers the vectors of recent queries: an ask embeds its question for the search and again for
 * the answerer's sentence similarity, and people repeat queries (paging, the console's search box,
 * saved questions). The model is fixed for the process's lifetime, so a remembered vector never
 * goes stale. Documents are never cached: each is embedded once by design.
 */
public final class QueryCachingEmbedder extends EmbedderWrapper {

  private final Cache<String, float[]> vectors;

  /**
   * @param size how many queries to remember at most (beyond it, the rarest and oldest go)
   */
  public QueryCachingEmbedder(Embedder inner, int size) {
    super(inner);
    this.vectors = Caffeine.newBuilder().maximumSize(size).build();
  }

  /** The embedder itself when {@code size} is 0. */
  public static Embedder around(Embedder inner, int size) {
    return size == 0 ? inner : new QueryCachingEmbedder(inner, size);
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    return inner.embedDocuments(texts);
  }

  @Override
  public float[] embedQuery(String text) {
    // A copy each time: a caller that scales or normalises its vector cannot change the cached one.
    return vectors.get(text, inner::embedQuery).clone();
  }

  /** Runs the cache's pending evictions now (they otherwise run on later calls). */
  void cleanUp() {
    vectors.cleanUp();
  }
}
