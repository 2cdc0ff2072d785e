package dev.minirag.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code index:} in config.yml: this node's Lucene index, derived from PostgreSQL. */
public class LuceneIndexConfig {

  /** INDEX_PATH: a directory owned by this node; deleting it only costs a rebuild. */
  @JsonProperty @NotBlank private String path = "data/index";

  /** INDEX_ANALYZER: {@code english} (Porter stemming, English stop words) or {@code standard}. */
  @JsonProperty
  @NotNull
  @Pattern(regexp = "english|standard", message = "must be english or standard")
  private String analyzer = "english";

  /** Change-log rows applied per database round trip. */
  @JsonProperty
  @Min(1)
  @Max(100_000)
  private int batchSize = 1000;

  /**
   * How often a background thread catches up and commits; 0 disables it (queries still catch up).
   */
  @JsonProperty
  @Min(0)
  private long pollIntervalMillis = 1000;

  /**
   * A query reuses the change log's max(seq) read at most this long ago, sparing PostgreSQL under
   * load.
   */
  @JsonProperty
  @Min(0)
  @Max(10_000)
  private long maxSeqCacheMillis = 5;

  /**
   * INDEX_VERIFY_INTERVAL_MS: how often the poller reads the whole open index against its checksums
   * (linear in its size), so that corruption in place is found and rebuilt; 0 never.
   */
  @JsonProperty
  @Min(0)
  private long verifyIntervalMillis = 3_600_000;

  public LuceneIndexConfig() {}

  public LuceneIndexConfig(
      String path,
      String analyzer,
      int batchSize,
      long pollIntervalMillis,
      long maxSeqCacheMillis) {
    this.path = path;
    this.analyzer = analyzer;
    this.batchSize = batchSize;
    this.pollIntervalMillis = pollIntervalMillis;
    this.maxSeqCacheMillis = maxSeqCacheMillis;
  }

  /**
   * English analyzer, no background polling, no max(seq) caching: every query sees every commit.
   */
  public static LuceneIndexConfig at(String path) {
    return new LuceneIndexConfig(path, "english", 1000, 0, 0);
  }

  public String getPath() {
    return path;
  }

  public String getAnalyzer() {
    return analyzer;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public long getPollIntervalMillis() {
    return pollIntervalMillis;
  }

  public long getMaxSeqCacheMillis() {
    return maxSeqCacheMillis;
  }

  public long getVerifyIntervalMillis() {
    return verifyIntervalMillis;
  }
}
