package dev.minirag.embedding;

/** Builds the configured {@link Embedder}. */
public final class Embedders {

  private Embedders() {}

  /** Throws IllegalArgumentException naming the setting when the configuration is unusable. */
  public static Embedder create(EmbeddingConfig config) {
    return switch (config.getProvider()) {
      case "onnx" ->
          new OnnxEmbedder(
              config.getModel(),
              config.getThreads(),
              config.getBatchSize(),
              config.getModelThreads());
      case "openai" -> new OpenAiCompatibleEmbedder(config.getOpenai(), config.getBatchSize());
      default ->
          throw new IllegalArgumentException(
              "embedding.provider must be onnx or openai, not '" + config.getProvider() + "'");
    };
  }
}
