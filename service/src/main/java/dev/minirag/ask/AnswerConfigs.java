package dev.minirag.ask;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.embedding.Embedder;
import java.time.Duration;

/** Builds the configured answerer. */
public final class AnswerConfigs {
  private AnswerConfigs() {}

  /**
   * @param embedder the embedding model the offline answerer compares sentences with; null for
   *     words only
   */
  public static Answerer answerer(AnswerConfig config, ObjectMapper json, Embedder embedder) {
    if (config.provider.equals("openai")) {
      if (config.openaiModel == null || config.openaiModel.isBlank()) {
        throw new IllegalStateException(
            "ANSWER_OPENAI_MODEL (answer.openaiModel) is required when ANSWER_PROVIDER=openai");
      }
      return new ChatAnswerer(
          json,
          config.openaiBaseUrl,
          config.openaiModel,
          config.openaiApiKey,
          Duration.ofSeconds(config.openaiTimeoutSeconds));
    }
    return new ExtractiveAnswerer(
        ExtractiveAnswerer.Settings.defaults(config.maxSentences, config.maxChars), embedder);
  }
}
