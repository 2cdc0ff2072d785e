package dev.minirag.ask;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Which answerer writes answers: the offline extractive one, or an OpenAI-compatible chat model.
 */
public class AnswerConfig {
  /** ANSWER_PROVIDER: extractive (default, offline) or openai. */
  @JsonProperty
  @NotNull
  @Pattern(regexp = "extractive|openai")
  public String provider = "extractive";

  @JsonProperty
  @Min(1)
  @Max(50)
  public int defaultK = 8;

  @JsonProperty
  @Min(1)
  @Max(10)
  public int maxSentences = 3;

  @JsonProperty
  @Min(100)
  public int maxChars = 800;

  @JsonProperty public String openaiBaseUrl = "https://api.openai.com/v1";

  /** ANSWER_OPENAI_MODEL: required when the provider is openai. */
  @JsonProperty public String openaiModel;

  /** ANSWER_OPENAI_API_KEY: sent as a Bearer token; unset for servers without auth. */
  @JsonProperty public String openaiApiKey;

  @JsonProperty
  @Min(1)
  public int openaiTimeoutSeconds = 60;
}
