package dev.minirag.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An in-process ONNX model from langchain4j (the model file ships inside its jar). Each batch of
 * texts is spread over {@code threads} worker threads; the model itself is loaded once per JVM.
 */
public final class OnnxEmbedder implements Embedder {

  /** The models this build carries, by the name used in configuration and embedding_settings. */
  public enum Model {
    ALL_MINILM_L6_V2("all-minilm-l6-v2", 128, AllMiniLmL6V2EmbeddingModel::new),
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", 128, AllMiniLmL6V2QuantizedEmbeddingModel::new),
    BGE_SMALL_EN_V15("bge-small-en-v1.5", 512, BgeSmallEnV15EmbeddingModel::new),
    BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", 512, BgeSmallEnV15QuantizedEmbeddingModel::new);

    private final String modelName;
    private final int maxTokens;
    private final Function<Executor, AbstractInProcessEmbeddingModel> factory;

    Model(String modelName, int maxTokens, Function<Executor, AbstractInProcessEmbeddingModel> factory) {
      this.modelName = modelName;
      this.maxTokens = maxTokens;
      this.factory = factory;
    }

    public String modelName() {
      return modelName;
    }

    /** The bundled tokenizer truncates at this many tokens (MiniLM 128, bge 512). */
    public int maxTokens() {
      return maxTokens;
    }

    public static Model byName(String name) {
      for (Model m : values()) {
        if (m.modelName.equalsIgnoreCase(Objects.requireNonNull(name, "model").trim())) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "unknown ONNX embedding model '" + name + "'; known: "
              + Arrays.stream(values()).map(Model::modelName).collect(Collectors.joining(", ")));
    }
  }

  private final Model model;
  private final int batchSize;
  private final ExecutorService pool;
  private final AbstractInProcessEmbeddingModel onnx;

  /**
   * Loads the model (1-2 s the first time in a JVM).
   *
   * @param threads worker threads per batch; 1 embeds on the calling thread
   * @param batchSize texts handed to the model at once
   */
  public OnnxEmbedder(Model model, int threads, int batchSize) {
    if (threads < 1 || batchSize < 1) {
      throw new IllegalArgumentException("threads and batchSize must be at least 1");
    }
    this.model = model;
    this.batchSize = batchSize;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemonThreads(model));
    Executor executor = pool == null ? Runnable::run : pool;
    this.onnx = model.factory.apply(executor);
  }

  public OnnxEmbedder(String modelName, int threads, int batchSize) {
    this(Model.byName(modelName), threads, batchSize);
  }

  @Override
  public String model() {
    return model.modelName();
  }

  @Override
  public int dimension() {
    return onnx.dimension();
  }

  @Override
  public int maxTokens() {
    return model.maxTokens();
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += batchSize) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
      out.addAll(embedBatch(batch));
    }
    return out;
  }

  @Override
  public float[] embedQuery(String text) {
    return embedBatch(List.of(text)).get(0);
  }

  private List<float[]> embedBatch(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      if (t == null || t.isBlank()) {
        throw new IllegalArgumentException("cannot embed a blank text (item " + i + " of the batch)");
      }
      segments.add(TextSegment.from(t));
    }
    List<Embedding> embeddings;
    try {
      embeddings = onnx.embedAll(segments).content();
    } catch (RuntimeException e) {
      throw new EmbeddingException("ONNX model " + model.modelName() + " failed: " + e.getMessage(), e);
    }
    if (embeddings.size() != texts.size()) {
      throw new EmbeddingException(
          "ONNX model " + model.modelName() + " returned " + embeddings.size() + " vectors for " + texts.size() + " texts");
    }
    List<float[]> out = new ArrayList<>(embeddings.size());
    for (Embedding e : embeddings) {
      out.add(Vectors.l2Normalize(e.vector()));
    }
    return out;
  }

  @Override
  public void stop() throws InterruptedException {
    if (pool != null) {
      pool.shutdown();
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(Model model) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "embed-" + model.modelName() + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String toString() {
    return "OnnxEmbedder[" + model.modelName() + "]";
  }
}
