package dev.minirag.embedding;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import java.util.List;

/**
 * An {@link Embedder} that measures the one it wraps: {@code
 * minirag_embedding_duration_seconds{call}} per model call (a batch of document chunks, or one
 * query), {@code minirag_embedded_texts_total{call}} and {@code
 * minirag_embedding_failures_total{call}}. Labels are the call kind only, never the model name,
 * which {@code embedding_settings} and {@code /api/v1/version} already tell.
 */
public final class MeasuredEmbedder extends EmbedderWrapper {

  private final Histogram duration;
  private final Counter texts;
  private final Counter failures;

  public MeasuredEmbedder(Embedder inner, CollectorRegistry registry) {
    super(inner);
    this.duration =
        Histogram.build()
            .name("minirag_embedding_duration_seconds")
            .help("Time of one embedding model call, by call kind (documents batch or query)")
            .labelNames("call")
            .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .register(registry);
    this.texts =
        Counter.build()
            .name("minirag_embedded_texts_total")
            .help("Texts embedded (chunks, or queries), by call kind")
            .labelNames("call")
            .register(registry);
    this.failures =
        Counter.build()
            .name("minirag_embedding_failures_total")
            .help("Embedding model calls that failed, by call kind")
            .labelNames("call")
            .register(registry);
  }

  @Override
  public List<float[]> embedDocuments(List<String> batch) {
    Histogram.Timer timer = duration.labels("documents").startTimer();
    try {
      List<float[]> vectors = inner.embedDocuments(batch);
      texts.labels("documents").inc(vectors.size());
      return vectors;
    } catch (RuntimeException e) {
      failures.labels("documents").inc();
      throw e;
    } finally {
      timer.observeDuration();
    }
  }

  @Override
  public float[] embedQuery(String text) {
    Histogram.Timer timer = duration.labels("query").startTimer();
    try {
      float[] vector = inner.embedQuery(text);
      texts.labels("query").inc();
      return vector;
    } catch (RuntimeException e) {
      failures.labels("query").inc();
      throw e;
    } finally {
      timer.observeDuration();
    }
  }
}
