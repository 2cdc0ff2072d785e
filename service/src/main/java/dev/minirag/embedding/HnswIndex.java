package dev.minirag.embedding;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HNSW index over {@code chunks.embedding} as configured: its storage and its graph's build
 * parameters. A denser graph (larger {@code m}, {@code ef_construction}) finds more of the true
 * nearest neighbours at the same ef_search where many chunks nearly repeat each other, at the cost
 * of a slower build (docs/benchmarks.md, "Dense clusters").
 *
 * @param m neighbours a node keeps per layer (pgvector's default 16)
 * @param efConstruction candidate list while building (pgvector's default 64; at least 2 × m)
 */
public record HnswIndex(VectorStorage storage, int m, int efConstruction) {

  public static final int DEFAULT_M = 16;
  public static final int DEFAULT_EF_CONSTRUCTION = 64;

  private static final Pattern M = Pattern.compile("\\bm='?(\\d+)");
  private static final Pattern EF_CONSTRUCTION = Pattern.compile("\\bef_construction='?(\\d+)");

  public HnswIndex {
    if (m < 2 || m > 100 || efConstruction < 2 * m || efConstruction > 1000) {
      throw new IllegalArgumentException(
          "HNSW m must be 2-100 and ef_construction from 2 x m to 1000, not m "
              + m
              + ", ef_construction "
              + efConstruction);
    }
  }

  /** pgvector's defaults with the given storage. */
  public static HnswIndex of(VectorStorage storage) {
    return new HnswIndex(storage, DEFAULT_M, DEFAULT_EF_CONSTRUCTION);
  }

  /**
   * The index an existing definition ({@code pg_indexes.indexdef}) describes; a definition without
   * options has pgvector's defaults.
   */
  public static HnswIndex parse(String indexDefinition) {
    return new HnswIndex(
        VectorStorage.of(indexDefinition),
        option(M, indexDefinition, DEFAULT_M),
        option(EF_CONSTRUCTION, indexDefinition, DEFAULT_EF_CONSTRUCTION));
  }

  /** {@code CREATE INDEX name ON chunks USING hnsw (...) WITH (...)}; only integers go in. */
  public String createIndex(String name, int dimension) {
    return storage.createIndex(name, dimension)
        + " WITH (m = "
        + m
        + ", ef_construction = "
        + efConstruction
        + ")";
  }

  /** For logs: "halfvec, m 16, ef_construction 64". */
  public String describe() {
    return storage.wire() + ", m " + m + ", ef_construction " + efConstruction;
  }

  private static int option(Pattern p, String definition, int absent) {
    Matcher matcher = p.matcher(definition);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : absent;
  }
}
