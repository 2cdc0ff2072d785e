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
  @JsonProperty @NotNull public DataSize maxUploadSize = DataSize.mebibytes(25);

  @JsonProperty
  @Min(1000)
  public int maxExtractedChars = 2_000_000;

  @JsonProperty @NotNull public Duration parseTimeout = Duration.seconds(30);

  /** About 250 tokens of English per chunk: inside the input window of small embedding models. */
  @JsonProperty
  @Min(100)
  public int chunkTargetChars = 1000;

  @JsonProperty
  @Min(0)
  public int chunkOverlapChars = 150;

  @JsonProperty
  @Min(200)
  public int chunkMaxChars = 1500;

  /** Sources with at most this many chunks are embedded before the request answers. */
  @JsonProperty
  @Min(0)
  public int inlineChunkLimit = 32;

  /**
   * Most chunks one source may be cut into; a document over it is refused with 413 before anything
   * is stored or embedded. The text limit alone does not bound this: every page, heading section
   * and run of cues is chunked apart, so 2 M characters of one-word pages make one chunk per page.
   */
  @JsonProperty
  @Min(1)
  public int maxChunksPerSource = 10_000;

  /**
   * Jobs this node runs at once (embedding, re-sync, reindex, export, import); 0 = it only serves.
   */
  @JsonProperty
  @Min(0)
  @Max(64)
  public int workers = 1;

  @JsonProperty
  @Min(1)
  @Max(100)
  public int maxBatchItems = 50;

  @JsonProperty @NotNull public Duration fetchConnectTimeout = Duration.seconds(5);
  @JsonProperty @NotNull public Duration fetchReadTimeout = Duration.seconds(20);
  @JsonProperty @NotNull public DataSize maxFetchSize = DataSize.mebibytes(25);

  @JsonProperty
  @Min(0)
  @Max(20)
  public int maxRedirects = 5;

  /**
   * Comma-separated hosts or CIDRs the SSRF guard admits although private (e.g. an intranet wiki).
   */
  @JsonProperty public String fetchAllowList;

  @JsonProperty @NotNull
  public String youtubeTranscriptUrl = "https://www.youtube.com/api/timedtext";

  /** Documents parsed at once; 0 = one per core. Uploads beyond that get 503 with Retry-After. */
  @JsonProperty
  @Min(0)
  @Max(256)
  public int extractThreads = 0;

  /** URL and transcript fetches at once; more get 503 with Retry-After. */
  @JsonProperty
  @Min(1)
  @Max(1000)
  public int fetchMaxConcurrent = 8;

  /**
   * Largest JSON request body, checked before parsing. 8 MiB holds a raw text of {@link
   * #maxExtractedChars} (2 M characters) even at 3 UTF-8 bytes per character, plus its title.
   */
  @JsonProperty @NotNull public DataSize maxJsonBody = DataSize.mebibytes(8);

  /** Largest non-JSON request body (a multipart upload with all its files). */
  @JsonProperty @NotNull public DataSize maxRequestSize = DataSize.mebibytes(100);

  @JsonProperty
  @Min(1)
  @Max(1000)
  public int maxFilesPerRequest = 20;

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
