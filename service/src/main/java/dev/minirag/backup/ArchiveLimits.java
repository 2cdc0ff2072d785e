package dev.minirag.backup;

/** The bounds an archive is read within (see {@link BackupConfig}). */
public record ArchiveLimits(
    long maxArchiveBytes, long maxEntryBytes, int maxLineBytes, int maxCompressionRatio) {
  /** The archive holds a manifest and three data entries; anything beyond a few is not ours. */
  public static final int MAX_ENTRIES = 8;

  public static final int MAX_MANIFEST_BYTES = 1024 * 1024;

  /** Small entries may compress extremely well (repeated JSON keys) without being a threat. */
  public static final long RATIO_GRACE_BYTES = 4L * 1024 * 1024;
}
