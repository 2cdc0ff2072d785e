package dev.minirag.documents.extract;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one extraction. The zip limits are checked before any parser sees a zip container
 * (DOCX, PPTX, XLSX and EPUB are zips), so a decompression bomb is refused without being inflated
 * into memory.
 *
 * @param maxBytes largest upload accepted, in bytes
 * @param maxChars largest extracted text accepted, in characters
 * @param parseTimeout wall-clock budget for detecting and parsing one document
 * @param maxZipEntries most entries a zip container may hold
 * @param maxUncompressedBytes most bytes all entries of a zip container may inflate to
 * @param maxCompressionRatio most an entry (or the whole zip) may inflate relative to its stored
 *     size
 */
public record ExtractionLimits(
    long maxBytes,
    int maxChars,
    Duration parseTimeout,
    int maxZipEntries,
    long maxUncompressedBytes,
    int maxCompressionRatio) {

  public ExtractionLimits {
    Objects.requireNonNull(parseTimeout, "parseTimeout");
    if (maxBytes <= 0 || maxChars <= 0 || maxZipEntries <= 0 || maxUncompressedBytes <= 0) {
      throw new IllegalArgumentException("extraction limits must be positive");
    }
    if (maxCompressionRatio < 2) {
      throw new IllegalArgumentException("maxCompressionRatio must be at least 2");
    }
    if (parseTimeout.isNegative() || parseTimeout.isZero()) {
      throw new IllegalArgumentException("parseTimeout must be positive");
    }
  }

  /**
   * The configured bounds (ingest config) with fixed zip bounds: at most 10 000 entries, inflating
   * to at most 512 MiB, each entry compressed at most 100:1 (POI's own default ratio).
   */
  public static ExtractionLimits of(long maxBytes, int maxChars, Duration parseTimeout) {
    return new ExtractionLimits(maxBytes, maxChars, parseTimeout, 10_000, 512L * 1024 * 1024, 100);
  }

  public ExtractionLimits withMaxBytes(long value) {
    return new ExtractionLimits(
        value, maxChars, parseTimeout, maxZipEntries, maxUncompressedBytes, maxCompressionRatio);
  }

  public ExtractionLimits withMaxChars(int value) {
    return new ExtractionLimits(
        maxBytes, value, parseTimeout, maxZipEntries, maxUncompressedBytes, maxCompressionRatio);
  }

  public ExtractionLimits withParseTimeout(Duration value) {
    return new ExtractionLimits(
        maxBytes, maxChars, value, maxZipEntries, maxUncompressedBytes, maxCompressionRatio);
  }

  public ExtractionLimits withMaxUncompressedBytes(long value) {
    return new ExtractionLimits(
        maxBytes, maxChars, parseTimeout, maxZipEntries, value, maxCompressionRatio);
  }
}
