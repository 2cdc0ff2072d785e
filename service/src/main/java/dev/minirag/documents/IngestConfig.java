package dev.minirag.documents;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.minirag.documents.chunk.ChunkingConfig;
import dev.minirag.documents.extract.ExtractionLimits;
import dev.minirag.documents.fetch.FetchConfig;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.List;

/**
 * Limits and sizes for getting documents in; each value is documented in the README. The extractor,
 * chunker and fetcher take their settings from here ({@link #extraction()}, {@link #chunking()},
 * {@link #fetch()}), so these are their only defaults.
 */
public class IngestConfig {
  @JsonProperty @NotNull private DataSize maxUploadSize = DataSize.mebibytes(25);

  public DataSize getMaxUploadSize() {
    return maxUploadSize;
  }

  @JsonProperty
  @Min(1000)
  private int maxExtractedChars = 2_000_000;

  public int getMaxExtractedChars() {
    return maxExtractedChars;
  }

  @JsonProperty @NotNull private Duration parseTimeout = Duration.seconds(30);

  public Duration getParseTimeout() {
    return parseTimeout;
  }

  /** About 250 tokens of English per chunk: inside the input window of small embedding models. */
  @JsonProperty
  @Min(100)
  @Max(ChunkingConfig.LARGEST_CHARS)
  private int chunkTargetChars = 1000;

  public int getChunkTargetChars() {
    return chunkTargetChars;
  }

  public void setChunkTargetChars(int chunkTargetChars) {
    this.chunkTargetChars = chunkTargetChars;
  }

  @JsonProperty
  @Min(0)
  private int chunkOverlapChars = 150;

  public int getChunkOverlapChars() {
    return chunkOverlapChars;
  }

  public void setChunkOverlapChars(int chunkOverlapChars) {
    this.chunkOverlapChars = chunkOverlapChars;
  }

  @JsonProperty
  @Min(200)
  @Max(ChunkingConfig.LARGEST_CHARS)
  private int chunkMaxChars = 1500;

  public int getChunkMaxChars() {
    return chunkMaxChars;
  }

  public void setChunkMaxChars(int chunkMaxChars) {
    this.chunkMaxChars = chunkMaxChars;
  }

  /** Sources with at most this many chunks are embedded before the request answers. */
  @JsonProperty
  @Min(0)
  private int inlineChunkLimit = 32;

  public int getInlineChunkLimit() {
    return inlineChunkLimit;
  }

  public void setInlineChunkLimit(int inlineChunkLimit) {
    this.inlineChunkLimit = inlineChunkLimit;
  }

  /**
   * Most chunks one source may be cut into; a document over it is refused with 413 before anything
   * is stored or embedded. The text limit alone does not bound this: every page, heading section
   * and run of cues is chunked apart, so 2 M characters of one-word pages make one chunk per page.
   */
  @JsonProperty
  @Min(1)
  private int maxChunksPerSource = 10_000;

  public int getMaxChunksPerSource() {
    return maxChunksPerSource;
  }

  /**
   * Jobs this node runs at once (embedding, re-sync, reindex, export, import); 0 = it only serves.
   */
  @JsonProperty
  @Min(0)
  @Max(64)
  private int workers = 1;

  public int getWorkers() {
    return workers;
  }

  @JsonProperty
  @Min(1)
  @Max(100)
  private int maxBatchItems = 50;

  public int getMaxBatchItems() {
    return maxBatchItems;
  }

  @JsonProperty @NotNull private Duration fetchConnectTimeout = Duration.seconds(5);

  public Duration getFetchConnectTimeout() {
    return fetchConnectTimeout;
  }

  @JsonProperty @NotNull private Duration fetchReadTimeout = Duration.seconds(20);

  public Duration getFetchReadTimeout() {
    return fetchReadTimeout;
  }

  @JsonProperty @NotNull private DataSize maxFetchSize = DataSize.mebibytes(25);

  public DataSize getMaxFetchSize() {
    return maxFetchSize;
  }

  @JsonProperty
  @Min(0)
  @Max(20)
  private int maxRedirects = 5;

  public int getMaxRedirects() {
    return maxRedirects;
  }

  /**
   * Comma-separated hosts or CIDRs the SSRF guard admits although private (e.g. an intranet wiki).
   */
  @JsonProperty private String fetchAllowList;

  public String getFetchAllowList() {
    return fetchAllowList;
  }

  @JsonProperty @NotNull
  private String youtubeTranscriptUrl = "https://www.youtube.com/api/timedtext";

  public String getYoutubeTranscriptUrl() {
    return youtubeTranscriptUrl;
  }

  /** Documents parsed at once; 0 = one per core. Uploads beyond that get 503 with Retry-After. */
  @JsonProperty
  @Min(0)
  @Max(256)
  private int extractThreads = 0;

  public int getExtractThreads() {
    return extractThreads;
  }

  /** URL and transcript fetches at once; more get 503 with Retry-After. */
  @JsonProperty
  @Min(1)
  @Max(1000)
  private int fetchMaxConcurrent = 8;

  public int getFetchMaxConcurrent() {
    return fetchMaxConcurrent;
  }

  /**
   * Largest JSON request body, checked before parsing. 8 MiB holds a raw text of {@link
   * #maxExtractedChars} (2 M characters) even at 3 UTF-8 bytes per character, plus its title.
   */
  @JsonProperty @NotNull private DataSize maxJsonBody = DataSize.mebibytes(8);

  public DataSize getMaxJsonBody() {
    return maxJsonBody;
  }

  /** Largest non-JSON request body (a multipart upload with all its files). */
  @JsonProperty @NotNull private DataSize maxRequestSize = DataSize.mebibytes(100);

  public DataSize getMaxRequestSize() {
    return maxRequestSize;
  }

  @JsonProperty
  @Min(1)
  @Max(1000)
  private int maxFilesPerRequest = 20;

  public int getMaxFilesPerRequest() {
    return maxFilesPerRequest;
  }

  public int extractThreadCount() {
    return extractThreads > 0 ? extractThreads : Runtime.getRuntime().availableProcessors();
  }

  public List<String> fetchAllowListEntries() {
    return fetchAllowList == null
        ? List.of()
        : Arrays.stream(fetchAllowList.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
  }

  /** Bounds on one extraction: upload size, text length and parse time. */
  public ExtractionLimits extraction() {
    return ExtractionLimits.of(maxUploadSize.toBytes(), maxExtractedChars, millis(parseTimeout));
  }

  public ChunkingConfig chunking() {
    return new ChunkingConfig(chunkTargetChars, chunkOverlapChars, chunkMaxChars);
  }

  /** How URL and transcript sources are fetched. */
  public FetchConfig fetch() {
    return FetchConfig.of(
        millis(fetchConnectTimeout),
        millis(fetchReadTimeout),
        maxFetchSize.toBytes(),
        maxRedirects,
        fetchAllowListEntries(),
        fetchMaxConcurrent);
  }

  private static java.time.Duration millis(Duration d) {
    return java.time.Duration.ofMillis(d.toMilliseconds());
  }
}
