package dev.minirag.embedding;

/** The embedding model or endpoint failed, or answered something unusable. */
public class EmbeddingException extends RuntimeException {

  public EmbeddingException(String message) {
    super(message);
  }

  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
