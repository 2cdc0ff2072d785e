package dev.minirag.embedding;

import io.dropwizard.lifecycle.Managed;
import java.util.List;

/**
 * Turns text into L2-normalized vectors. Implementations are thread-safe and {@link Managed}: they
 * may hold threads or HTTP clients that the lifecycle closes.
 */
public interface Embedder extends Managed {

  /**
   * The model name recorded in {@code embedding_settings}; vectors of two names are incomparable.
   */
  String model();

  /** Length of every vector this embedder returns. */
  int dimension();

  /** Tokens the model reads from one text; anything beyond is silently ignored by the model. */
  int maxTokens();

  /**
   * One vector per text, in order. Blank texts are refused (IllegalArgumentException); a failing
   * model throws {@link EmbeddingException}.
   */
  List<float[]> embedDocuments(List<String> texts);

  /** The vector for a search query. Throws {@link EmbeddingException} when the model fails. */
  float[] embedQuery(String text);
}
