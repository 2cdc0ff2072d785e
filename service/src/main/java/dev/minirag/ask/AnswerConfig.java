package dev.minirag.ask;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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

  /**
   * ANSWER_FAQ_SIMILARITY: how close in meaning (cosine under the embedding model) a FAQ's question
   * in the documents must be to the asked one for its answer to lead; 0 turns the rule off. 0.9 is
   * set for the default model; another model's cosines lie on another scale.
   */
  @JsonProperty
  @DecimalMin("0.0")
  @DecimalMax("1.0")
  private double faqSimilarity = 0.9;

  public double getFaqSimilarity() {
    return faqSimilarity;
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
