package dev.minirag.embedding;

import java.util.Locale;

/**
 * How the HNSW index stores chunk vectors ({@code SEARCH_VECTOR_STORAGE}).
 *
 * <p>The column stays {@code vector(dim)} in both cases: the stored vectors keep full precision (a
 * later switch back loses nothing, export and reembed are unchanged, and no migration rewrites the
 * table). {@link #HALFVEC} only changes the index: an expression index over {@code
 * embedding::halfvec(dim)} (pgvector 0.7+), half the bytes per vector, so a graph twice as large
 * fits in the same memory. The kNN query must order by the very same expression for the planner to
 * use it, which {@code VectorSearchDao} does.
 */
public enum VectorStorage {
  VECTOR,
  HALFVEC;

  /** The index every node serves from; {@code VectorIndexDao} switches its definition. */
  public static final String INDEX = "chunks_embedding_hnsw_idx";

  /** The setting's spelling. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The index's column or expression and operator class. The dimension is an {@code int} from the
   * column's own type, never caller text: DDL cannot take it as a bound parameter.
   */
  public String indexKey(int dimension) {
    return switch (this) {
      case VECTOR -> "embedding vector_cosine_ops";
      case HALFVEC -> "(embedding::halfvec(" + dimension + ")) halfvec_cosine_ops";
    };
  }

  /** {@code CREATE INDEX name ON chunks USING hnsw (...)} for this storage. */
  public String createIndex(String name, int dimension) {
    return "CREATE INDEX " + name + " ON chunks USING hnsw (" + indexKey(dimension) + ")";
  }

  /** The storage an existing index definition ({@code pg_indexes.indexdef}) uses. */
  public static VectorStorage of(String indexDefinition) {
    return indexDefinition.contains("halfvec_cosine_ops") ? HALFVEC : VECTOR;
  }
}
