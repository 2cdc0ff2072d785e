package dev.minirag.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens an archive file and checks its shape before any data is read: its size, its entries (only
 * ours, each once), and a manifest of our format and version whose declared sizes fit the limits.
 * Data entries are then read line by line through {@link EntryLines}, which checks every byte
 * against the manifest. Random access (the zip's central directory) needs a file, not a stream.
 */
final class ArchiveReader implements Closeable {

  private final ZipFile zip;
  private final long archiveBytes;
  private final ArchiveLimits limits;
  private final Manifest manifest;

  /** Inflated bytes of all entries read so far, against the whole-archive compression ratio. */
  private long inflatedTotal;

  private ArchiveReader(ZipFile zip, long archiveBytes, ArchiveLimits limits, Manifest manifest) {
    this.zip = zip;
    this.archiveBytes = archiveBytes;
    this.limits = limits;
    this.manifest = manifest;
  }

  static ArchiveReader open(Path file, ArchiveLimits limits, ObjectMapper json) throws IOException {
    long size = Files.size(file);
    if (size > limits.maxArchiveBytes()) {
      throw ArchiveRefused.tooLarge(
          "it is larger than the " + limits.maxArchiveBytes() + "-byte limit");
    }
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw ArchiveRefused.invalid("it is not a readable zip archive (truncated or damaged)");
    }
    try {
      checkEntries(zip);
      Manifest manifest = readManifest(zip, json);
      checkManifest(manifest, size, limits);
      return new ArchiveReader(zip, size, limits, manifest);
    } catch (ZipException e) {
      zip.close();
      throw ArchiveRefused.invalid("it is not a readable zip archive (truncated or damaged)");
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  Manifest manifest() {
    return manifest;
  }

  private static void checkEntries(ZipFile zip) {
    Set<String> expected = new HashSet<>(ArchiveFormat.DATA);
    expected.add(ArchiveFormat.MANIFEST);
    Set<String> seen = new HashSet<>();
    int n = 0;
    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
      ZipEntry entry = e.nextElement();
      if (++n > ArchiveLimits.MAX_ENTRIES) {
        throw ArchiveRefused.invalid(
            "it holds more than " + ArchiveLimits.MAX_ENTRIES + " entries");
      }
      if (!expected.contains(entry.getName())) {
        throw ArchiveRefused.invalid(
            "it holds an unexpected entry '" + printable(entry.getName()) + "'");
      }
      if (!seen.add(entry.getName())) {
        throw ArchiveRefused.invalid("it holds '" + entry.getName() + "' twice");
      }
    }
    if (!seen.equals(expected)) {
      expected.removeAll(seen);
      throw ArchiveRefused.invalid(
          "it lacks " + String.join(", ", expected.stream().sorted().toList()));
    }
  }

  private static Manifest readManifest(ZipFile zip, ObjectMapper json) throws IOException {
    ZipEntry entry = zip.getEntry(ArchiveFormat.MANIFEST);
    byte[] bytes;
    try (InputStream in = zip.getInputStream(entry)) {
      bytes = in.readNBytes(ArchiveLimits.MAX_MANIFEST_BYTES + 1);
    }
    if (bytes.length > ArchiveLimits.MAX_MANIFEST_BYTES) {
      throw ArchiveRefused.invalid(
          "its manifest is larger than " + ArchiveLimits.MAX_MANIFEST_BYTES + " bytes");
    }
    // The manifest carries the others' checksums; its own integrity is the zip's CRC-32.
    CRC32 crc = new CRC32();
    crc.update(bytes);
    if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
      throw ArchiveRefused.invalid("its manifest is damaged (CRC-32 mismatch)");
    }
    try {
      return json.readValue(bytes, Manifest.class);
    } catch (JsonProcessingException e) {
      throw ArchiveRefused.invalid(
          "its manifest is not valid JSON of the expected shape (" + e.getOriginalMessage() + ")");
    }
  }

  private static void checkManifest(Manifest m, long archiveBytes, ArchiveLimits limits) {
    if (!ArchiveFormat.FORMAT.equals(m.format())) {
      throw ArchiveRefused.invalid(
          "its manifest names format '"
              + printable(String.valueOf(m.format()))
              + "', not "
              + ArchiveFormat.FORMAT);
    }
    if (m.version() != ArchiveFormat.VERSION) {
      throw ArchiveRefused.invalid(
          "it is format version "
              + m.version()
              + "; this server reads version "
              + ArchiveFormat.VERSION);
    }
    if (m.embedding() != null
        && (m.embedding().model() == null
            || m.embedding().dimension() < 1
            || m.embedding().dimension() > 16_384)) {
      throw ArchiveRefused.invalid(
          "its manifest's embedding needs a model name and a dimension between 1 and 16384");
    }
    long declared = 0;
    for (String name : ArchiveFormat.DATA) {
      Manifest.Entry e = m.entry(name);
      if (e == null
          || e.sha256() == null
          || !e.sha256().matches("[0-9a-f]{64}")
          || e.bytes() < 0
          || e.lines() < 0) {
        throw ArchiveRefused.invalid(
            "its manifest lacks a line count, size and SHA-256 for " + name);
      }
      if (e.bytes() > limits.maxEntryBytes()) {
        throw ArchiveRefused.tooLarge(
            name
                + " is "
                + e.bytes()
                + " bytes uncompressed, over the "
                + limits.maxEntryBytes()
                + "-byte limit");
      }
      declared += e.bytes();
    }
    if (declared > ArchiveLimits.RATIO_GRACE_BYTES
        && declared > (long) limits.maxCompressionRatio() * archiveBytes) {
      throw ArchiveRefused.invalid(
          "it would expand more than " + limits.maxCompressionRatio() + ":1 (a possible zip bomb)");
    }
  }

  /**
   * The lines of a data entry; reading past its end checks count, size and SHA-256 against the
   * manifest.
   */
  EntryLines lines(String name) throws IOException {
    ZipEntry entry = zip.getEntry(name);
    return new EntryLines(
        name,
        zip.getInputStream(entry),
        manifest.entry(name),
        entry.getCompressedSize(),
        limits,
        this::inflated);
  }

  /**
   * Called by entry readers as they inflate; refuses an archive that expands past the whole-file
   * ratio.
   */
  private void inflated(long n) {
    inflatedTotal += n;
    if (inflatedTotal > ArchiveLimits.RATIO_GRACE_BYTES
        && inflatedTotal > (long) limits.maxCompressionRatio() * archiveBytes) {
      throw ArchiveRefused.invalid(
          "it expands more than " + limits.maxCompressionRatio() + ":1 (a possible zip bomb)");
    }
  }

  /**
   * Names come from the archive: shown without control characters and at most 100 characters long.
   */
  static String printable(String s) {
    String clean =
        s.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
