package dev.minirag.documents.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.concurrent.CancellationException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Refuses zip bombs before a parser opens the container. It reads the central directory (what POI
 * and Tika read too) and inflates every entry into a small scratch buffer, counting the real bytes
 * rather than trusting the declared sizes, and stops at the first limit crossed. Cost is bounded by
 * {@link ExtractionLimits#maxUncompressedBytes()} of CPU and a 64 KB buffer of memory.
 */
final class ZipGuard {

  /** Small inputs may compress extremely well (runs of XML padding) without being a threat. */
  private static final long RATIO_GRACE_BYTES = 1024 * 1024;

  private final ExtractionLimits limits;

  ZipGuard(ExtractionLimits limits) {
    this.limits = limits;
  }

  /**
   * Anything that starts with a zip signature. Not only a local file header ({@code PK\3\4}):
   * Tika's detector also takes the split-archive marker {@code PK00} followed by a zip as a zip
   * container, and then as DOCX or EPUB, which let a bomb or a 100 000-entry zip reach the parsers
   * unchecked. (Extractor also checks every container by its detected format.)
   */
  static boolean isZip(byte[] content) {
    return TextDecoder.startsWith(content, 'P', 'K', 3, 4)
        || TextDecoder.startsWith(content, 'P', 'K', 5, 6)
        || TextDecoder.startsWith(content, 'P', 'K', 7, 8)
        || TextDecoder.startsWith(content, 'P', 'K', '0', '0');
  }

  void check(byte[] content) {
    long total = 0;
    int entries = 0;
    byte[] scratch = new byte[64 * 1024];
    try (ZipFile zip =
        ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get()) {
      for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); ) {
        ZipArchiveEntry entry = e.nextElement();
        if (++entries > limits.maxZipEntries()) {
          throw bomb("it holds more than " + limits.maxZipEntries() + " files");
        }
        if (entry.isDirectory()) {
          continue;
        }
        if (!zip.canReadEntryData(entry)) {
          throw ExtractionException.unreadable(
              "The document uses zip encryption or compression we cannot read.");
        }
        long inflated = 0;
        try (InputStream in = zip.getInputStream(entry)) {
          for (int n; (n = in.read(scratch)) > 0; ) {
            if (Thread.currentThread().isInterrupted()) {
              throw new CancellationException("extraction cancelled");
            }
            inflated += n;
            total += n;
            checkSizes(inflated, entry.getCompressedSize(), total, content.length);
          }
        }
      }
    } catch (IOException e) {
      throw ExtractionException.unreadable("The document is not a readable zip container.", e);
    }
  }

  /**
   * The declared compressed size of an entry can lie, so the whole-file ratio (against the real
   * upload size) and the absolute cap are checked as well.
   */
  private void checkSizes(long inflated, long declaredCompressed, long total, long uploadBytes) {
    long ratio = limits.maxCompressionRatio();
    if (total > limits.maxUncompressedBytes()) {
      throw bomb("it expands to more than " + limits.maxUncompressedBytes() + " bytes");
    }
    if (inflated > RATIO_GRACE_BYTES && inflated > ratio * Math.max(1, declaredCompressed)) {
      throw bomb("a part of it is compressed more than " + ratio + ":1");
    }
    if (total > RATIO_GRACE_BYTES && total > ratio * uploadBytes) {
      throw bomb("it is compressed more than " + ratio + ":1");
    }
  }

  private static ExtractionException bomb(String why) {
    return ExtractionException.tooLarge(
        "The document was refused as a possible zip bomb: " + why + ".");
  }
}
