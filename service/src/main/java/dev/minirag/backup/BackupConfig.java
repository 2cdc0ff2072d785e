package dev.minirag.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Bounds on workspace archives and where export/import jobs keep them; each is in README's
 * configuration table.
 */
public class BackupConfig {
  /**
   * This node's work directory for archive files that exist only while an import job reads them
   * (owner-only, deleted after each attempt). The archives themselves are kept in PostgreSQL.
   */
  @JsonProperty @NotEmpty private String archiveDir = "data/archives";

  public String getArchiveDir() {
    return archiveDir;
  }

  /** How long an export job's archive (and an upload no job took) is kept before it is removed. */
  @JsonProperty
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MINUTES)
  private Duration archiveRetention = Duration.hours(24);

  public Duration getArchiveRetention() {
    return archiveRetention;
  }

  /** Largest archive an import accepts (an upload is also capped by ingest.maxRequestSize). */
  @JsonProperty @NotNull private DataSize maxArchiveSize = DataSize.mebibytes(100);

  public DataSize getMaxArchiveSize() {
    return maxArchiveSize;
  }

  /** Largest uncompressed size of one entry. */
  @JsonProperty @NotNull private DataSize maxEntrySize = DataSize.gibibytes(1);

  public DataSize getMaxEntrySize() {
    return maxEntrySize;
  }

  /**
   * Largest line of an entry (one source, document or chunk): the only thing held in memory whole.
   */
  @JsonProperty @NotNull private DataSize maxLineSize = DataSize.mebibytes(32);

  public DataSize getMaxLineSize() {
    return maxLineSize;
  }

  /** Uncompressed bytes per archive byte beyond which an archive is refused as a zip bomb. */
  @JsonProperty
  @Min(2)
  @Max(10_000)
  private int maxCompressionRatio = 100;

  public int getMaxCompressionRatio() {
    return maxCompressionRatio;
  }

  public ArchiveLimits limits() {
    return new ArchiveLimits(
        maxArchiveSize.toBytes(),
        maxEntrySize.toBytes(),
        (int) Math.min(Integer.MAX_VALUE - 8, maxLineSize.toBytes()),
        maxCompressionRatio);
  }
}
