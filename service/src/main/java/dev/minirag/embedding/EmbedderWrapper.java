package dev.minirag.embedding;

/**
 * An {@link Embedder} around another that adds something to its model calls (spans, metrics) and
 * passes the rest through; subclasses override {@link #embedDocuments} and {@link #embedQuery}.
 */
abstract class EmbedderWrapper implements Embedder {

  protected final Embedder inner;

  EmbedderWrapper(Embedder inner) {
    this.inner = inner;
  }

  @Override
  public String model() {
    return inner.model();
  }

  @Override
  public int dimension() {
    return inner.dimension();
  }

  @Override
  public int maxTokens() {
    return inner.maxTokens();
  }

  @Override
  public void start() throws Exception {
    inner.start();
  }

  @Override
  public void stop() throws Exception {
    inner.stop();
  }
}
