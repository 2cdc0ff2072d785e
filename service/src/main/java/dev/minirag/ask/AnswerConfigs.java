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
    if (config.getProvider().equals("openai")) {
      if (config.getOpenaiModel() == null || config.getOpenaiModel().isBlank()) {
        throw new IllegalStateException(
            "ANSWER_OPENAI_MODEL (answer.openaiModel) is required when ANSWER_PROVIDER=openai");
      }
      return new ChatAnswerer(
          json,
          config.getOpenaiBaseUrl(),
          config.getOpenaiModel(),
          config.getOpenaiApiKey(),
          Duration.ofSeconds(config.getOpenaiTimeoutSeconds()));
    }
    return new ExtractiveAnswerer(
        ExtractiveAnswerer.Settings.defaults(config.getMaxSentences(), config.getMaxChars())
            .with("faq=" + config.getFaqSimilarity()),
        embedder);
  }
}
