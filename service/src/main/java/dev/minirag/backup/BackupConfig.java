package dev.minirag.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Bounds on workspace archives taken in by import; each is in README's configuration table. */
public class BackupConfig {
  /** Largest archive an import accepts (an upload is also capped by ingest.maxRequestSize). */
  @JsonProperty @NotNull public DataSize maxArchiveSize = DataSize.mebibytes(100);
  /** Largest uncompressed size of one entry. */
  @JsonProperty @NotNull public DataSize maxEntrySize = DataSize.gibibytes(1);
  /** Largest line of an entry (one source, document or chunk): the only thing held in memory whole. */
  @JsonProperty @NotNull public DataSize maxLineSize = DataSize.mebibytes(32);
  /** Uncompressed bytes per archive byte beyond which an archive is refused as a zip bomb. */
  @JsonProperty @Min(2) @Max(10_000) public int maxCompressionRatio = 100;

  public ArchiveLimits limits() {
    return new ArchiveLimits(maxArchiveSize.toBytes(), maxEntrySize.toBytes(), (int) Math.min(Integer.MAX_VALUE - 8, maxLineSize.toBytes()),
        maxCompressionRatio);
  }
}
