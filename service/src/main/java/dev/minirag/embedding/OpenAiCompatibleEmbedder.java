package dev.minirag.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minirag.logging.TraceContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any server speaking OpenAI's {@code POST /v1/embeddings} (OpenAI, Azure-style gateways, Ollama,
 * vLLM, text-embeddings-inference, LiteLLM...). Errors name the endpoint and status, never the key.
 */
public final class OpenAiCompatibleEmbedder implements Embedder {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_CHARS = 300;

  private final URI endpoint;
  private final String modelName;
  private final String apiKey;
  private final int dimension;
  private final boolean sendDimensions;
  private final int batchSize;
  private final Duration requestTimeout;
  private final int maxRetries;
  private final HttpClient http;

  public OpenAiCompatibleEmbedder(EmbeddingConfig.OpenAi config, int batchSize) {
    if (config.getBaseUrl() == null || config.getBaseUrl().isBlank()) {
      throw new IllegalArgumentException(
          "embedding.openai.baseUrl is required for provider openai");
    }
    if (config.getModel() == null || config.getModel().isBlank()) {
      throw new IllegalArgumentException("embedding.openai.model is required for provider openai");
    }
    if (config.getDimension() < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "embedding.openai.dimension and embedding.batchSize must be positive");
    }
    this.endpoint = endpoint(config.getBaseUrl());
    this.modelName = config.getModel();
    this.apiKey =
        config.getApiKey() == null || config.getApiKey().isBlank() ? null : config.getApiKey();
    this.dimension = config.getDimension();
    this.sendDimensions = config.isSendDimensions();
    this.batchSize = batchSize;
    this.requestTimeout = Duration.ofSeconds(config.getRequestTimeoutSeconds());
    this.maxRetries = config.getMaxRetries();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(config.getConnectTimeoutSeconds()))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /**
   * {@code https://host} and {@code https://host/v1} both lead to {@code
   * https://host/v1/embeddings}.
   */
  static URI endpoint(String baseUrl) {
    String base = baseUrl.trim();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.endsWith("/embeddings")) {
      return URI.create(base);
    }
    return URI.create(base.endsWith("/v1") ? base + "/embeddings" : base + "/v1/embeddings");
  }

  @Override
  public String model() {
    return modelName;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** Unknown for a remote model; 512 is the smallest window of the common embedding APIs. */
  @Override
  public int maxTokens() {
    return 512;
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += batchSize) {
      out.addAll(call(texts.subList(from, Math.min(texts.size(), from + batchSize))));
    }
    return out;
  }

  @Override
  public float[] embedQuery(String text) {
    return call(List.of(text)).get(0);
  }

  private List<float[]> call(List<String> texts) {
    byte[] body = requestBody(texts);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    TraceContext.addTo(request::header);
    HttpRequest built = request.build();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(built, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt < maxRetries) {
          backoff(attempt);
          continue;
        }
        throw new EmbeddingException("embedding endpoint " + endpoint + " unreachable: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddingException("interrupted while calling " + endpoint, e);
      }
      int status = response.statusCode();
      if (status / 100 == 2) {
        return parse(response.body(), texts.size());
      }
      if ((status == 429 || status >= 500) && attempt < maxRetries) {
        backoff(attempt);
        continue;
      }
      throw new EmbeddingException(
          "embedding endpoint "
              + endpoint
              + " answered HTTP "
              + status
              + errorMessage(response.body()));
    }
  }

  private byte[] requestBody(List<String> texts) {
    ObjectNode req = JSON.createObjectNode();
    req.put("model", modelName);
    ArrayNode input = req.putArray("input");
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      if (t == null || t.isBlank()) {
        throw new IllegalArgumentException(
            "cannot embed a blank text (item " + i + " of the batch)");
      }
      input.add(t);
    }
    req.put("encoding_format", "float");
    if (sendDimensions) {
      req.put("dimensions", dimension);
    }
    try {
      return JSON.writeValueAsBytes(req);
    } catch (IOException e) {
      throw new EmbeddingException("could not encode the embedding request", e);
    }
  }

  private List<float[]> parse(String body, int expected) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw malformed("not JSON");
    }
    JsonNode data = root == null ? null : root.get("data");
    if (data == null || !data.isArray()) {
      throw malformed("no \"data\" array");
    }
    if (data.size() != expected) {
      throw malformed(data.size() + " embeddings for " + expected + " inputs");
    }
    float[][] vectors = new float[expected][];
    for (int i = 0; i < data.size(); i++) {
      JsonNode item = data.get(i);
      JsonNode idx = item.get("index");
      int index = idx != null && idx.canConvertToInt() ? idx.asInt() : i;
      JsonNode embedding = item.get("embedding");
      if (index < 0 || index >= expected || vectors[index] != null) {
        throw malformed("bad or repeated index " + index);
      }
      if (embedding == null || !embedding.isArray()) {
        throw malformed("item " + i + " has no \"embedding\" array");
      }
      if (embedding.size() != dimension) {
        throw malformed(
            "vector of length "
                + embedding.size()
                + " but embedding.openai.dimension is "
                + dimension);
      }
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        JsonNode x = embedding.get(j);
        if (!x.isNumber()) {
          throw malformed("item " + i + " has a non-numeric component");
        }
        v[j] = x.floatValue();
      }
      vectors[index] = Vectors.l2Normalize(v);
    }
    return new ArrayList<>(Arrays.asList(vectors));
  }

  private EmbeddingException malformed(String why) {
    return new EmbeddingException(
        "embedding endpoint " + endpoint + " answered malformed JSON: " + why);
  }

  /** The {@code error.message} of an OpenAI-style error body, else the start of the body. */
  private static String errorMessage(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String message;
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode error = root == null ? null : root.get("error");
      if (error != null && error.isObject() && error.hasNonNull("message")) {
        message = error.get("message").asText();
      } else if (error != null && error.isTextual()) {
        message = error.asText();
      } else {
        message = body;
      }
    } catch (IOException e) {
      message = body;
    }
    message = message.strip();
    return ": "
        + (message.length() > MAX_ERROR_CHARS
            ? message.substring(0, MAX_ERROR_CHARS) + "..."
            : message);
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(250L << Math.min(attempt, 5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while retrying the embedding endpoint", e);
    }
  }

  @Override
  public String toString() {
    return "OpenAiCompatibleEmbedder[" + modelName + " @ " + endpoint + "]";
  }
}
