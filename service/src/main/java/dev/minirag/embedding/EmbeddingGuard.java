package dev.minirag.embedding;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run once at startup: vectors from two models must never be compared. Records the model on first
 * start, refuses a dimension change, and warns when the model changed at the same dimension.
 */
public final class EmbeddingGuard {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingGuard.class);

  /** What the guard found. */
  public enum Status {
    /** Nothing was recorded; the embedder's model is now. */
    RECORDED,
    /** The recorded model is the embedder's. */
    MATCHES,
    /**
     * Same dimension, another model: stored vectors are incomparable with new queries until
     * reembed.
     */
    MODEL_CHANGED
  }

  /** The outcome; {@code recorded} is what embedding_settings holds after the check. */
  public record Result(Status status, EmbeddingSettings recorded, String message) {

    /** Whether stored vectors and this embedder's queries live in the same space. */
    public boolean vectorsComparable() {
      return status != Status.MODEL_CHANGED;
    }
  }

  private final EmbeddingSettingsDao dao;

  public EmbeddingGuard(EmbeddingSettingsDao dao) {
    this.dao = dao;
  }

  /**
   * @throws EmbeddingMismatchException when the recorded dimension, or the chunks.embedding column,
   *     differs from the embedder's dimension
   */
  public Result check(Embedder embedder) {
    String model = embedder.model();
    int dimension = embedder.dimension();
    Optional<Integer> column = dao.columnDimension();
    if (column.isPresent() && column.get() != dimension) {
      throw new EmbeddingMismatchException(
          "embedding model "
              + model
              + " makes "
              + dimension
              + "-dimensional vectors but the chunks.embedding column is vector("
              + column.get()
              + "); choose a "
              + column.get()
              + "-dimensional model, or add a migration that changes the column and then run the `reembed` command");
    }
    if (dao.recordIfAbsent(model, dimension)) {
      LOG.info("Recorded embedding model {} ({} dimensions)", model, dimension);
      return new Result(
          Status.RECORDED, new EmbeddingSettings(model, dimension), "recorded " + model);
    }
    EmbeddingSettings recorded =
        dao.find().orElseThrow(() -> new IllegalStateException("embedding_settings row vanished"));
    if (recorded.dimension() != dimension) {
      throw new EmbeddingMismatchException(
          "stored vectors come from "
              + recorded.model()
              + " ("
              + recorded.dimension()
              + " dimensions) but the configured embedding model "
              + model
              + " makes "
              + dimension
              + "; configure "
              + recorded.model()
              + " again, or run the `reembed` command to rewrite every vector with "
              + model);
    }
    if (!recorded.model().equals(model)) {
      String message =
          "stored vectors come from "
              + recorded.model()
              + " but the configured embedding model is "
              + model
              + " (same dimension, incomparable vectors): run the `reembed` command; until then vector search results are meaningless";
      LOG.warn(message);
      return new Result(Status.MODEL_CHANGED, recorded, message);
    }
    return new Result(
        Status.MATCHES, recorded, "embedding model " + model + " matches the stored vectors");
  }
}
