package dev.minirag.bench;

import dev.minirag.documents.EmbeddingPipeline;
import dev.minirag.embedding.Embedder;
import dev.minirag.eval.BeirDataset;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Real embeddings for the scale run: a BEIR corpus (SciFact) embedded once by the configured model,
 * then replicated up to {@code n} chunks, every copy after the first moved by a small random
 * perturbation and normalized again; queries are the set's test queries through the same model.
 *
 * <p>Chunk {@code i} is copy {@code i / docs} of document {@code i % docs}, and its vector depends
 * only on {@code i}, so a run is reproducible. The perturbation's norm is {@link #NOISE} (cosine
 * about 0.97 to the original): copies stay near their document, as paraphrases or neighbouring
 * chunks would, without being exact duplicates that HNSW could not tell apart.
 */
final class ScifactVectors {

  static final double NOISE = 0.25;

  /** Words of a document's text stored as the chunk text (BM25 sees text of a chunk's length). */
  static final int WORDS = 60;

  private final List<BeirDataset.Doc> docs;
  private final float[][] embedded;
  private final List<String> queryTexts;
  private final List<float[]> queryVectors;
  private final double sigma;

  ScifactVectors(
      List<BeirDataset.Doc> docs,
      float[][] embedded,
      List<String> queryTexts,
      List<float[]> queryVectors) {
    this.docs = docs;
    this.embedded = embedded;
    this.queryTexts = queryTexts;
    this.queryVectors = queryVectors;
    this.sigma = NOISE / Math.sqrt(embedded[0].length);
  }

  /**
   * Embeds the corpus (or reads the vectors a previous run cached under {@code cacheDir}, keyed by
   * model and corpus size) and the queries.
   */
  static ScifactVectors embed(BeirDataset data, Embedder embedder, Path cacheDir, PrintStream out)
      throws IOException {
    List<BeirDataset.Doc> docs = data.corpus();
    Path cache =
        cacheDir.resolve(
            "minirag-scale-"
                + WORDS
                + "w-"
                + data.name()
                + "-"
                + embedder.model()
                + "-"
                + docs.size()
                + ".f32");
    float[][] vectors = read(cache, docs.size(), embedder.dimension());
    if (vectors == null) {
      long t0 = System.nanoTime();
      vectors = new float[docs.size()][];
      for (int from = 0; from < docs.size(); from += 32) {
        List<String> texts = new ArrayList<>();
        for (BeirDataset.Doc d : docs.subList(from, Math.min(docs.size(), from + 32))) {
          texts.add(EmbeddingPipeline.embeddingText(d.title(), firstWords(d.text())));
        }
        List<float[]> batch = embedder.embedDocuments(texts);
        for (int j = 0; j < batch.size(); j++) {
          vectors[from + j] = batch.get(j);
        }
        if ((from / 32) % 20 == 0) {
          out.printf(Locale.ROOT, "  scale: embedded %d/%d documents%n", from, docs.size());
        }
      }
      write(cache, vectors);
      out.printf(
          Locale.ROOT,
          "  scale: embedded %d documents in %.0f s (cached for the next run)%n",
          docs.size(),
          (System.nanoTime() - t0) / 1e9);
    }
    List<String> texts = new ArrayList<>(data.queries().values());
    List<float[]> queries = new ArrayList<>();
    for (String q : texts) {
      queries.add(embedder.embedQuery(q));
    }
    return new ScifactVectors(docs, vectors, texts, queries);
  }

  int documents() {
    return docs.size();
  }

  /** Chunk {@code i}'s vector: its document's, perturbed unless it is the first copy. */
  float[] vector(int i) {
    float[] base = embedded[i % embedded.length];
    if (i < embedded.length) {
      return base.clone();
    }
    SplittableRandom r = new SplittableRandom(0x5c1fac7L ^ (long) i * 0x9E3779B97F4A7C15L);
    float[] v = ScaleBench.gaussian(r, base.length, sigma);
    for (int d = 0; d < v.length; d++) {
      v[d] += base[d];
    }
    return ScaleBench.normalize(v);
  }

  /**
   * Chunk {@code i}'s text: its document's title and first {@link #WORDS} words, the text its
   * vector was embedded from.
   */
  String text(int i) {
    BeirDataset.Doc d = docs.get(i % docs.size());
    String t = d.title() + " " + firstWords(d.text());
    // COPY's text format: tabs, newlines and backslashes would end or escape a field.
    return t.replace('\\', ' ').replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * A chunk-sized passage, as long as a synthetic chunk's text: a whole abstract (~325 tokens)
   * would cost four times the embedding time for the same number of vectors.
   */
  static String firstWords(String text) {
    String[] words = text.strip().split("\\s+", WORDS + 1);
    return String.join(" ", Arrays.asList(words).subList(0, Math.min(WORDS, words.length)));
  }

  List<String> queryTexts() {
    return queryTexts;
  }

  List<float[]> queryVectors() {
    return queryVectors;
  }

  private static float[][] read(Path file, int count, int dim) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) != (long) count * dim * 4) {
      return null;
    }
    float[][] v = new float[count][dim];
    try (DataInputStream in =
        new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      for (float[] row : v) {
        for (int d = 0; d < dim; d++) {
          row[d] = in.readFloat();
        }
      }
    }
    return v;
  }

  private static void write(Path file, float[][] vectors) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "scale-vectors", ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
      for (float[] row : vectors) {
        for (float x : row) {
          out.writeFloat(x);
        }
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
