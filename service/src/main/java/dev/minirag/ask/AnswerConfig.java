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
  private String provider = "extractive";

  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  @JsonProperty
  @Min(1)
  @Max(50)
  private int defaultK = 8;

  public int getDefaultK() {
    return defaultK;
  }

  @JsonProperty
  @Min(1)
  @Max(10)
  private int maxSentences = 3;

  public int getMaxSentences() {
    return maxSentences;
  }

  @JsonProperty
  @Min(100)
  private int maxChars = 800;

  public int getMaxChars() {
    return maxChars;
  }

  @JsonProperty private String openaiBaseUrl = "https://api.openai.com/v1";

  public String getOpenaiBaseUrl() {
    return openaiBaseUrl;
  }

  /** ANSWER_OPENAI_MODEL: required when the provider is openai. */
  @JsonProperty private String openaiModel;

  public String getOpenaiModel() {
    return openaiModel;
  }

  /** ANSWER_OPENAI_API_KEY: sent as a Bearer token; unset for servers without auth. */
  @JsonProperty private String openaiApiKey;

  public String getOpenaiApiKey() {
    return openaiApiKey;
  }

  public void setOpenaiApiKey(String openaiApiKey) {
    this.openaiApiKey = openaiApiKey;
  }

  @JsonProperty
  @Min(1)
  private int openaiTimeoutSeconds = 60;

  public int getOpenaiTimeoutSeconds() {
    return openaiTimeoutSeconds;
  }
}
