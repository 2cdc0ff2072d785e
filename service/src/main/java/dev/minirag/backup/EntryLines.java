package dev.minirag.backup;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.LongConsumer;
import java.util.zip.ZipException;

/**
 * Reads one data entry a line at a time, within the limits: no line longer than the line limit, no
 * more bytes than the manifest declares (so a bomb stops at the declared size, not at the
 * inflater's end), no entry compressed beyond the ratio. At the end of the entry the line count,
 * byte count and SHA-256 must equal the manifest's. One pass over the bytes, one line in memory.
 */
final class EntryLines implements Closeable {

  private final String name;
  private final InputStream in;
  private final Manifest.Entry expected;
  private final long compressedBytes;
  private final ArchiveLimits limits;
  private final LongConsumer inflated;
  private final MessageDigest sha = ExportService.sha256();
  private final byte[] buffer = new byte[64 * 1024];
  private int pos;
  private int end;
  private long bytes;
  private long lines;
  private boolean finished;

  EntryLines(
      String name,
      InputStream in,
      Manifest.Entry expected,
      long compressedBytes,
      ArchiveLimits limits,
      LongConsumer inflated) {
    this.name = name;
    this.in = in;
    this.expected = expected;
    this.compressedBytes = compressedBytes;
    this.limits = limits;
    this.inflated = inflated;
  }

  String name() {
    return name;
  }

  /** The line number of the line {@link #next} returned last (1-based). */
  long lineNumber() {
    return lines;
  }

  /**
   * The next line without its newline, or null after the last one (when the entry has been
   * verified).
   */
  byte[] next() throws IOException {
    if (finished) {
      return null;
    }
    byte[] line = new byte[256];
    int len = 0;
    while (true) {
      if (pos == end && !fill()) {
        if (len > 0) {
          throw ArchiveRefused.invalid(name + " does not end with a newline (truncated?)");
        }
        verify();
        return null;
      }
      int start = pos;
      while (pos < end && buffer[pos] != '\n') {
        pos++;
      }
      int n = pos - start;
      if (len + n > limits.maxLineBytes()) {
        throw ArchiveRefused.tooLarge(
            "line "
                + (lines + 1)
                + " of "
                + name
                + " is longer than the "
                + limits.maxLineBytes()
                + "-byte limit");
      }
      if (len + n > line.length) {
        line =
            Arrays.copyOf(
                line, Math.max(len + n, Math.min(limits.maxLineBytes(), line.length * 2)));
      }
      System.arraycopy(buffer, start, line, len, n);
      len += n;
      if (pos < end) { // at the newline
        pos++;
        lines++;
        return Arrays.copyOf(line, len);
      }
    }
  }

  private boolean fill() throws IOException {
    int n;
    try {
      n = in.read(buffer);
    } catch (ZipException e) {
      throw ArchiveRefused.invalid(name + " cannot be decompressed (damaged)");
    } catch (java.io.EOFException e) {
      throw ArchiveRefused.invalid(name + " ends early (truncated)");
    }
    if (n <= 0) {
      return false;
    }
    sha.update(buffer, 0, n);
    bytes += n;
    inflated.accept(n);
    if (bytes > expected.bytes()) {
      throw ArchiveRefused.invalid(
          name + " holds more bytes than its manifest declares (" + expected.bytes() + ")");
    }
    if (bytes > ArchiveLimits.RATIO_GRACE_BYTES
        && compressedBytes >= 0
        && bytes > (long) limits.maxCompressionRatio() * Math.max(1, compressedBytes)) {
      throw ArchiveRefused.invalid(
          name
              + " is compressed more than "
              + limits.maxCompressionRatio()
              + ":1 (a possible zip bomb)");
    }
    pos = 0;
    end = n;
    return true;
  }

  private void verify() {
    finished = true;
    String actual = HexFormat.of().formatHex(sha.digest());
    if (bytes != expected.bytes() || !actual.equals(expected.sha256())) {
      throw ArchiveRefused.invalid(
          name + " does not match its SHA-256 in the manifest (damaged or altered)");
    }
    if (lines != expected.lines()) {
      throw ArchiveRefused.invalid(
          name + " has " + lines + " lines, its manifest says " + expected.lines());
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
