package dev.minirag.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An in-process ONNX model (the model and tokenizer files ship inside langchain4j's model jars; the
 * tokenizer and encoder are this package's). Each batch of texts is spread over {@code threads}
 * worker threads, each running one text through the model at a time; the model itself is loaded
 * once per JVM.
 */
public final class OnnxEmbedder implements Embedder {

  /** The models this build carries, by the name used in configuration and embedding_settings. */
  public enum Model {
    ALL_MINILM_L6_V2("all-minilm-l6-v2", 128, BertEncoder.Pooling.MEAN),
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", 128, BertEncoder.Pooling.MEAN),
    BGE_SMALL_EN_V15("bge-small-en-v1.5", 512, BertEncoder.Pooling.CLS),
    BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", 512, BertEncoder.Pooling.CLS);

    private final String modelName;
    private final int maxTokens;
    private final BertEncoder.Pooling pooling;

    Model(String modelName, int maxTokens, BertEncoder.Pooling pooling) {
      this.modelName = modelName;
      this.maxTokens = maxTokens;
      this.pooling = pooling;
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
          "unknown ONNX embedding model '"
              + name
              + "'; known: "
              + Arrays.stream(values()).map(Model::modelName).collect(Collectors.joining(", ")));
    }
  }

  /** Loaded encoders by model and threads per call: a model file is read once per JVM. */
  private static final Map<String, BertEncoder> ENCODERS = new ConcurrentHashMap<>();

  private final Model model;
  private final int batchSize;
  private final ExecutorService pool;
  private final BertEncoder encoder;

  /**
   * Loads the model (1-2 s the first time in a JVM).
   *
   * @param threads worker threads per batch; 1 embeds on the calling thread
   * @param batchSize texts handed to the model at once
   * @param modelThreads threads inside one model call (ONNX Runtime's intra-op threads)
   */
  public OnnxEmbedder(Model model, int threads, int batchSize, int modelThreads) {
    if (threads < 1 || batchSize < 1 || modelThreads < 1) {
      throw new IllegalArgumentException("threads, batchSize and modelThreads must be at least 1");
    }
    this.model = model;
    this.batchSize = batchSize;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemonThreads(model));
    this.encoder =
        ENCODERS.computeIfAbsent(
            model.modelName() + "/" + modelThreads, k -> load(model, modelThreads));
  }

  /** One thread per model call: the workers, not the model, spread the work over the cores. */
  public OnnxEmbedder(Model model, int threads, int batchSize) {
    this(model, threads, batchSize, 1);
  }

  public OnnxEmbedder(String modelName, int threads, int batchSize, int modelThreads) {
    this(Model.byName(modelName), threads, batchSize, modelThreads);
  }

  /**
   * The model and tokenizer files from the model's jar, in a session of our own: ONNX Runtime's
   * defaults (one spinning thread per core inside every call, as langchain4j's model classes left
   * them) ran at 55 chunks/s on 2 cores with two calls at once, against 81 for one non-spinning
   * thread per call.
   */
  private static BertEncoder load(Model model, int modelThreads) {
    ClassLoader jars = OnnxEmbedder.class.getClassLoader();
    try (InputStream weights = resource(jars, model.modelName() + ".onnx");
        InputStream tokenizer = resource(jars, model.modelName() + "-tokenizer.json");
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(modelThreads);
      // A waiting thread that spins takes the core from the call it waits for.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      return new BertEncoder(
          env,
          env.createSession(weights.readAllBytes(), options),
          WordPieceTokenizer.read(tokenizer),
          model.pooling);
    } catch (IOException | OrtException e) {
      throw new IllegalStateException(
          "cannot load the ONNX model " + model.modelName() + ": " + e.getMessage(), e);
    }
  }

  private static InputStream resource(ClassLoader jars, String name) {
    InputStream in = jars.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(
          name
              + " is not on the class path: the jar ships only the default model; build it with"
              + " -Pall-models, or add the model's langchain4j-embeddings jar to the class path");
    }
    return in;
  }

  @Override
  public String model() {
    return model.modelName();
  }

  @Override
  public int dimension() {
    return encoder.dimension();
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
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      if (t == null || t.isBlank()) {
        throw new IllegalArgumentException(
            "cannot embed a blank text (item " + i + " of the batch)");
      }
    }
    List<float[]> out = new ArrayList<>(texts.size());
    if (pool == null || texts.size() == 1) {
      for (String t : texts) {
        out.add(Vectors.l2Normalize(embedOne(t)));
      }
      return out;
    }
    List<Future<float[]>> futures = new ArrayList<>(texts.size());
    for (String t : texts) {
      futures.add(pool.submit(() -> embedOne(t)));
    }
    try {
      for (Future<float[]> f : futures) {
        out.add(Vectors.l2Normalize(f.get()));
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while embedding", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      // embedOne throws only these two kinds; anything else is an Error, and stays one.
      if (e.getCause() instanceof RuntimeException thrown) {
        throw thrown;
      }
      throw (Error) e.getCause();
    }
    return out;
  }

  private float[] embedOne(String text) {
    try {
      return encoder.embed(text);
    } catch (EmbeddingException | IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EmbeddingException(
          "ONNX model " + model.modelName() + " failed: " + e.getMessage(), e);
    }
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
