package dev.minirag.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The query cache around the real in-process model, counting the calls that reach the model. */
class QueryCachingEmbedderTest {

  private final AtomicInteger queries = new AtomicInteger();
  private final AtomicInteger documents = new AtomicInteger();

  private final Embedder model =
      new EmbedderWrapper(TestEmbedders.miniLmQ()) {
        @Override
        public List<float[]> embedDocuments(List<String> texts) {
          documents.incrementAndGet();
          return inner.embedDocuments(texts);
        }

        @Override
        public float[] embedQuery(String text) {
          queries.incrementAndGet();
          return inner.embedQuery(text);
        }
      };

  @Test
  void aRepeatedQueryReachesTheModelOnceAndGetsTheSameVector() {
    Embedder cached = QueryCachingEmbedder.around(model, 2);

    float[] first = cached.embedQuery("how do lighthouses work");
    float[] again = cached.embedQuery("how do lighthouses work");
    first[0] = 42f; // the caller's copy; the cache keeps its own

    assertThat(queries).hasValue(1);
    assertThat(cached.embedQuery("how do lighthouses work"))
        .containsExactly(model.embedQuery("how do lighthouses work"));
    assertThat(again).isNotSameAs(first);
    assertThat(queries).hasValue(2); // the direct call above
  }

  @Test
  void documentsAreNeverCachedAndSizeZeroIsNoCache() {
    Embedder cached = QueryCachingEmbedder.around(model, 2);
    cached.embedDocuments(List.of("a chunk"));
    cached.embedDocuments(List.of("a chunk"));
    assertThat(documents).hasValue(2);

    assertThat(QueryCachingEmbedder.around(model, 0)).isSameAs(model);
  }

  @Test
  void itHoldsNoMoreQueriesThanItsSize() {
    QueryCachingEmbedder cached = new QueryCachingEmbedder(model, 2);
    List<String> five = List.of("one", "two", "three", "four", "five");
    five.forEach(cached::embedQuery);
    cached.cleanUp();
    queries.set(0);
    five.forEach(cached::embedQuery);
    assertThat(queries.get())
        .as("at most two of the five were still remembered")
        .isGreaterThanOrEqualTo(3);
  }
}
