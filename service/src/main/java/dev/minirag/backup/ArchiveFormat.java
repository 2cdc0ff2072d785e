package dev.minirag.backup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/** Names and encodings of the workspace archive; the prose is docs/export-format.md. */
public final class ArchiveFormat {
  public static final String FORMAT = "minirag-workspace-export";
  public static final int VERSION = 1;

  public static final String MANIFEST = "manifest.json";
  public static final String SOURCES = "sources.jsonl";
  public static final String DOCUMENTS = "documents.jsonl";
  public static final String CHUNKS = "chunks.jsonl";

  /** The data entries, in the order they are written and imported (chunks name sources). */
  public static final List<String> DATA = List.of(SOURCES, DOCUMENTS, CHUNKS);

  private ArchiveFormat() {}

  /**
   * Vectors travel as raw float32 bits: exact (a decimal round trip can be too, but this needs no
   * argument) and about half the size of decimal text.
   */
  public static String encodeVector(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    return Base64.getEncoder().encodeToString(b.array());
  }

  /**
   * @throws IllegalArgumentException when the text is not base64 of {@code dimension} floats
   */
  public static float[] decodeVector(String base64, int dimension) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    if (bytes.length != dimension * 4) {
      throw new IllegalArgumentException(
          "a vector has " + bytes.length / 4 + " values, the manifest says " + dimension);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = b.getFloat();
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException("a vector holds a value that is not a finite number");
      }
    }
    return v;
  }

  /** pgvector's text form ('[1.0,2.5]') to floats. */
  public static float[] parsePgVector(String text) {
    String body = text.substring(1, text.length() - 1);
    if (body.isEmpty()) {
      return new float[0];
    }
    String[] parts = body.split(",");
    float[] v = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      v[i] = Float.parseFloat(parts[i]);
    }
    return v;
  }
}
