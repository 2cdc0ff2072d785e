package dev.minirag.embedding;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code embedding:} in config.yml: which model turns chunks and queries into vectors. */
public class EmbeddingConfig {

  /**
   * EMBEDDING_PROVIDER: {@code onnx} (in-process model) or {@code openai} (any /v1/embeddings
   * endpoint).
   */
  @JsonProperty
  @NotNull
  @Pattern(regexp = "onnx|openai", message = "must be onnx or openai")
  private String provider = "onnx";

  /**
   * EMBEDDING_MODEL, for provider onnx: all-minilm-l6-v2, all-minilm-l6-v2-q, bge-small-en-v1.5 or
   * bge-small-en-v1.5-q.
   */
  @JsonProperty @NotBlank private String model = "bge-small-en-v1.5-q";

  /**
   * EMBEDDING_THREADS: model calls running at once, spreading a batch over the cores (onnx); 0 =
   * one per core.
   */
  @JsonProperty
  @Min(0)
  @Max(64)
  private int threads = 0;

  /**
   * EMBEDDING_MODEL_THREADS: threads inside one model call (onnx). 1 measured fastest for
   * ingestion: the cores are better spent on separate calls than on splitting one.
   */
  @JsonProperty
  @Min(1)
  @Max(64)
  private int modelThreads = 1;

  /** Texts per model call (onnx) or per HTTP request (openai). */
  @JsonProperty
  @Min(1)
  @Max(2048)
  private int batchSize = 32;

  /**
   * EMBEDDING_QUERY_CACHE_SIZE: recent query vectors kept in memory (an ask's search and answerer
   * share one model call; repeated queries skip the model); 0 = off.
   */
  @JsonProperty
  @Min(0)
  @Max(1_000_000)
  private int queryCacheSize = 1000;

  @JsonProperty @Valid @NotNull private OpenAi openai = new OpenAi();

  public EmbeddingConfig() {}

  public EmbeddingConfig(String provider, String model, int threads, int batchSize, OpenAi openai) {
    this.provider = provider;
    this.model = model;
    this.threads = threads;
    this.batchSize = batchSize;
    this.openai = openai;
  }

  /** The in-process model {@code model} with the given threads and batch size. */
  public static EmbeddingConfig onnx(String model, int threads, int batchSize) {
    return new EmbeddingConfig("onnx", model, threads, batchSize, new OpenAi());
  }

  public static EmbeddingConfig openai(OpenAi openai, int batchSize) {
    return new EmbeddingConfig("openai", openai.getModel(), 1, batchSize, openai);
  }

  public String getProvider() {
    return provider;
  }

  public String getModel() {
    return model;
  }

  /** The configured threads, or one per core when 0. */
  public int getThreads() {
    return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  public int getModelThreads() {
    return modelThreads;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public int getQueryCacheSize() {
    return queryCacheSize;
  }

  public OpenAi getOpenai() {
    return openai;
  }

  /** {@code embedding.openai:} an OpenAI-compatible /v1/embeddings endpoint. */
  public static class OpenAi {

    /**
     * EMBEDDING_OPENAI_BASE_URL, e.g. https://api.openai.com or http://127.0.0.1:11434 (with or
     * without /v1).
     */
    @JsonProperty private String baseUrl = "https://api.openai.com";

    /** EMBEDDING_OPENAI_MODEL, e.g. text-embedding-3-small. */
    @JsonProperty private String model;

    /** EMBEDDING_OPENAI_API_KEY: sent as a Bearer token; empty for endpoints without auth. */
    @JsonProperty private String apiKey;

    /**
     * EMBEDDING_OPENAI_DIMENSION: the length the endpoint returns; every answer is checked against
     * it.
     */
    @JsonProperty
    @Min(1)
    private int dimension = 384;

    /** Send {@code dimensions} in the request (for models that can shorten their vectors). */
    @JsonProperty private boolean sendDimensions = false;

    @JsonProperty
    @Min(1)
    private int connectTimeoutSeconds = 10;

    @JsonProperty
    @Min(1)
    private int requestTimeoutSeconds = 60;

    /** Retries on 429, 5xx and I/O errors, with a short exponential backoff. */
    @JsonProperty
    @Min(0)
    @Max(10)
    private int maxRetries = 2;

    public OpenAi() {}

    public OpenAi(String baseUrl, String model, String apiKey, int dimension) {
      this.baseUrl = baseUrl;
      this.model = model;
      this.apiKey = apiKey;
      this.dimension = dimension;
    }

    public OpenAi withTimeouts(int connectSeconds, int requestSeconds, int retries) {
      this.connectTimeoutSeconds = connectSeconds;
      this.requestTimeoutSeconds = requestSeconds;
      this.maxRetries = retries;
      return this;
    }

    public String getBaseUrl() {
      return baseUrl;
    }

    public String getModel() {
      return model;
    }

    public String getApiKey() {
      return apiKey;
    }

    public int getDimension() {
      return dimension;
    }

    public boolean isSendDimensions() {
      return sendDimensions;
    }

    public int getConnectTimeoutSeconds() {
      return connectTimeoutSeconds;
    }

    public int getRequestTimeoutSeconds() {
      return requestTimeoutSeconds;
    }

    public int getMaxRetries() {
      return maxRetries;
    }
  }
}
