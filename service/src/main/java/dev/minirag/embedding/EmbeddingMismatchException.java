package dev.minirag.embedding;

/** The configured embedder cannot work with the stored vectors; the message says what to do. */
public class EmbeddingMismatchException extends IllegalStateException {

  public EmbeddingMismatchException(String message) {
    super(message);
  }
}
