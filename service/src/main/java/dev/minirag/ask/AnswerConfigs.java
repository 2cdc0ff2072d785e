package dev.minirag.ask;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.app.AnswerConfig;
import java.time.Duration;

/** Builds the configured answerer. */
public final class AnswerConfigs {
  private AnswerConfigs() {}

  public static Answerer answerer(AnswerConfig config, ObjectMapper json) {
    if (config.provider.equals("openai")) {
      if (config.openaiModel == null || config.openaiModel.isBlank()) {
        throw new IllegalStateException("ANSWER_OPENAI_MODEL (answer.openaiModel) is required when ANSWER_PROVIDER=openai");
      }
      return new ChatAnswerer(json, config.openaiBaseUrl, config.openaiModel, config.openaiApiKey,
          Duration.ofSeconds(config.openaiTimeoutSeconds));
    }
    return new ExtractiveAnswerer(config.maxSentences, config.maxChars, 5);
  }
}
