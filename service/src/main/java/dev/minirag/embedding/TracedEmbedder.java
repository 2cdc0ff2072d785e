package dev.minirag.embedding;

import dev.minirag.tracing.TracedSpan;
import dev.minirag.tracing.Tracing;
import java.util.List;

/**
 * An {@link Embedder} whose model calls are spans of the trace they serve: {@code embedding.query}
 * for a search query, {@code embedding.documents} for a batch of chunks, with the model and the
 * number of texts. While the span is current, an OpenAI-compatible endpoint is sent its id as
 * {@code traceparent}.
 */
public final class TracedEmbedder extends EmbedderWrapper {

  private final Tracing tracing;

  public TracedEmbedder(Embedder inner, Tracing tracing) {
    super(inner);
    this.tracing = tracing;
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    try (TracedSpan span = open("embedding.documents", texts.size())) {
      try {
        return inner.embedDocuments(texts);
      } catch (RuntimeException e) {
        span.fail(e);
        throw e;
      }
    }
  }

  @Override
  public float[] embedQuery(String text) {
    try (TracedSpan span = open("embedding.query", 1)) {
      try {
        return inner.embedQuery(text);
      } catch (RuntimeException e) {
        span.fail(e);
        throw e;
      }
    }
  }

  private TracedSpan open(String name, int texts) {
    return tracing
        .span(name)
        .set("minirag.embedding.model", inner.model())
        .set("minirag.embedding.texts", texts);
  }
}
