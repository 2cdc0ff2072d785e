package dev.minirag.search;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.minirag.embedding.HnswIndex;
import dev.minirag.embedding.VectorStorage;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code search:} in config.yml: defaults of a search request and the vector leg's tuning. */
public class SearchConfig {

  /** Mode when a request names none: bm25, dense or hybrid. */
  @JsonProperty
  @NotNull
  @Pattern(regexp = "bm25|dense|hybrid")
  private String mode = "hybrid";

  /** Fusion when a request names none: convex or rrf. */
  @JsonProperty
  @NotNull
  @Pattern(regexp = "convex|rrf")
  private String fusion = "convex";

  /** Weight of the vector leg in the convex combination. */
  @JsonProperty
  @DecimalMin("0")
  @DecimalMax("1")
  private double denseWeight = Fusion.DEFAULT_DENSE_WEIGHT;

  /** Candidates each leg contributes to fusion when a request names none. */
  @JsonProperty
  @Min(1)
  @Max(1000)
  private int candidates = 100;

  /** HNSW ef_search for the vector leg (pgvector's default is 40). */
  @JsonProperty
  @Min(1)
  @Max(1000)
  private volatile int efSearch = 100;

  /**
   * ef_search per million chunks of the searched workspace: the vector leg uses {@code
   * max(efSearch, chunks / 1e6 × this)}, capped at 1000, so a large workspace walks a longer
   * candidate list (HNSW recall at a fixed ef_search falls as the graph grows) while small ones
   * keep {@code efSearch}. 0 turns the rule off. Measured: docs/benchmarks.md, "halfvec".
   */
  @JsonProperty
  @Min(0)
  @Max(1000)
  private volatile int efSearchPerMillionChunks = 400;

  /**
   * Rows the vector leg's index scan walks to per million chunks of the searched workspace: the
   * scan takes {@code max(k, chunks / 1e6 × this)} rows (at most {@value
   * VectorSearchDao#MAX_SCAN_ROWS}) and keeps the best k by exact distance. pgvector's iterative
   * scan walks on through the graph past ef_search, which finds the near neighbours a candidate
   * list of at most 1000 misses in a large graph. 0 turns the rule off. Measured:
   * docs/benchmarks.md, "Walking on".
   */
  @JsonProperty
  @Min(0)
  @Max(VectorSearchDao.MAX_SCAN_ROWS)
  private volatile int scanRowsPerMillionChunks = 1000;

  /**
   * How the HNSW index stores vectors: vector (4 bytes a dimension) or halfvec (2; half the index,
   * see {@link VectorStorage}). A node whose setting differs from the index rebuilds it at startup.
   */
  @JsonProperty @NotNull private volatile VectorStorage vectorStorage = VectorStorage.VECTOR;

  /**
   * HNSW build parameters of that index (pgvector's defaults: m 16, ef_construction 64). A denser
   * graph finds more true neighbours where chunks nearly repeat each other, and builds slower; a
   * node whose setting differs from the index rebuilds it at startup, as for the storage.
   */
  @JsonProperty
  @Min(2)
  @Max(100)
  private int hnswM = HnswIndex.DEFAULT_M;

  /** See {@link #hnswM}; at least 2 × hnswM. */
  @JsonProperty
  @Min(4)
  @Max(1000)
  private int hnswEfConstruction = HnswIndex.DEFAULT_EF_CONSTRUCTION;

  /** The vector leg (embedding + kNN) gives up after this long and BM25 answers alone. */
  @JsonProperty
  @Min(1)
  private long denseTimeoutMillis = 10_000;

  /** Longest query accepted, in characters. */
  @JsonProperty
  @Min(1)
  private int maxQueryChars = 4000;

  public SearchConfig() {}

  public SearchConfig(
      SearchMode mode,
      FusionMethod fusion,
      double denseWeight,
      int candidates,
      int efSearch,
      long denseTimeoutMillis,
      int maxQueryChars) {
    this.mode = mode.wire();
    this.fusion = fusion.wire();
    this.denseWeight = denseWeight;
    this.candidates = candidates;
    this.efSearch = efSearch;
    this.denseTimeoutMillis = denseTimeoutMillis;
    this.maxQueryChars = maxQueryChars;
  }

  public SearchMode getMode() {
    return SearchMode.fromWire(mode).orElseThrow();
  }

  public FusionMethod getFusion() {
    return FusionMethod.fromWire(fusion).orElseThrow();
  }

  public double getDenseWeight() {
    return denseWeight;
  }

  public int getCandidates() {
    return candidates;
  }

  public int getEfSearch() {
    return efSearch;
  }

  public VectorStorage getVectorStorage() {
    return vectorStorage;
  }

  /** The HNSW index this configuration asks for (storage and graph). */
  public HnswIndex getHnswIndex() {
    return new HnswIndex(vectorStorage, hnswM, hnswEfConstruction);
  }

  /** pgvector refuses an ef_construction below 2 × m; refused at startup instead. */
  @AssertTrue(message = "hnswEfConstruction must be at least 2 x hnswM")
  @JsonIgnore
  public boolean isHnswBuildValid() {
    return hnswEfConstruction >= 2 * hnswM;
  }

  /**
   * The scale bench measures several ef_search values and storages on one running server; the
   * search service reads these at each search. Not for production code.
   */
  public void setVectorStorage(VectorStorage vectorStorage) {
    this.vectorStorage = vectorStorage;
  }

  /** See {@link #setVectorStorage}. */
  public void setEfSearch(int efSearch) {
    this.efSearch = efSearch;
  }

  public int getEfSearchPerMillionChunks() {
    return efSearchPerMillionChunks;
  }

  /** See {@link #setVectorStorage}. */
  public void setEfSearchPerMillionChunks(int efSearchPerMillionChunks) {
    this.efSearchPerMillionChunks = efSearchPerMillionChunks;
  }

  /**
   * The ef_search for a workspace of {@code chunks} chunks (see {@link #efSearchPerMillionChunks}).
   */
  public int efSearchFor(long chunks) {
    long scaled = (long) Math.ceil(chunks / 1e6 * efSearchPerMillionChunks);
    return (int) Math.min(VectorSearchDao.MAX_EF_SEARCH, Math.max(efSearch, scaled));
  }

  public int getScanRowsPerMillionChunks() {
    return scanRowsPerMillionChunks;
  }

  /** See {@link #setVectorStorage}. */
  public void setScanRowsPerMillionChunks(int scanRowsPerMillionChunks) {
    this.scanRowsPerMillionChunks = scanRowsPerMillionChunks;
  }

  /**
   * The rows the index scan walks to for {@code k} results in a workspace of {@code chunks} chunks
   * (see {@link #scanRowsPerMillionChunks}).
   */
  public int scanRowsFor(long chunks, int k) {
    long scaled = (long) Math.ceil(chunks / 1e6 * scanRowsPerMillionChunks);
    return (int) Math.max(k, Math.min(VectorSearchDao.MAX_SCAN_ROWS, scaled));
  }

  public long getDenseTimeoutMillis() {
    return denseTimeoutMillis;
  }

  public int getMaxQueryChars() {
    return maxQueryChars;
  }
}
