package dev.minirag.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.minirag.eval.BeirDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scale run's real-embedding generator: copies near their document, reproducible. */
class ScifactVectorsTest {

  private static final int DIM = 384;

  private static float[] unit(int axis) {
    float[] v = new float[DIM];
    v[axis] = 1;
    return v;
  }

  private final ScifactVectors vectors =
      new ScifactVectors(
          List.of(
              new BeirDataset.Doc("1", "Cells", "Mitochondria\tmake ATP.\nThey have DNA."),
              new BeirDataset.Doc("2", "Genes", "word ".repeat(100))),
          new float[][] {unit(0), unit(1)},
          List.of("q"),
          List.of(unit(0)));

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void theFirstCopyIsTheDocumentAndLaterCopiesStayNearIt() {
    assertThat(vectors.vector(0)).containsExactly(unit(0));
    assertThat(vectors.vector(1)).containsExactly(unit(1));
    for (int i = 2; i < 200; i++) {
      float[] v = vectors.vector(i);
      assertThat(dot(v, v)).isCloseTo(1.0, within(1e-5));
      double cos = dot(v, unit(i % 2));
      assertThat(cos).as("copy %d", i).isBetween(0.9, 0.995);
    }
    assertThat(vectors.vector(2)).isNotEqualTo(vectors.vector(4));
  }

  @Test
  void copiesAreReproducible() {
    assertThat(vectors.vector(12345)).containsExactly(vectors.vector(12345));
  }

  @Test
  void textsAreChunkSizedAndSafeForCopy() {
    assertThat(vectors.text(0)).isEqualTo("Cells Mitochondria make ATP. They have DNA.");
    assertThat(vectors.text(3).split(" ")).hasSize(1 + ScifactVectors.WORDS);
    assertThat(vectors.text(2)).doesNotContain("\t", "\n");
  }
}
