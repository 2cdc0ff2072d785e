package dev.minirag.embedding;

/** Small vector helpers shared by the embedders. */
public final class Vectors {

  private Vectors() {}

  /** Returns {@code v} scaled to unit length, in place; a zero vector is returned unchanged. */
  public static float[] l2Normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum == 0) {
      return v;
    }
    double norm = Math.sqrt(sum);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / norm);
    }
    return v;
  }

  /** Dot product; the cosine similarity of two normalized vectors. */
  public static double dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dimensions differ: " + a.length + " vs " + b.length);
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
