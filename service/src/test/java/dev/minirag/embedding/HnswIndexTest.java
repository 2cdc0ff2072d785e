package dev.minirag.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HnswIndexTest {

  @Test
  void createsTheIndexWithItsGraphParameters() {
    assertThat(new HnswIndex(VectorStorage.HALFVEC, 32, 128).createIndex("i", 384))
        .isEqualTo(
            "CREATE INDEX i ON chunks USING hnsw ((embedding::halfvec(384)) halfvec_cosine_ops)"
                + " WITH (m = 32, ef_construction = 128)");
  }

  @Test
  void readsBackWhatPostgresqlPrints() {
    assertThat(
            HnswIndex.parse(
                "CREATE INDEX x ON public.chunks USING hnsw (embedding vector_cosine_ops)"
                    + " WITH (m='32', ef_construction='128')"))
        .isEqualTo(new HnswIndex(VectorStorage.VECTOR, 32, 128));
    assertThat(
            HnswIndex.parse(
                "CREATE INDEX x ON public.chunks USING hnsw (((embedding)::halfvec(384))"
                    + " halfvec_cosine_ops)"))
        .isEqualTo(HnswIndex.of(VectorStorage.HALFVEC));
  }

  @Test
  void refusesParametersPgvectorWouldRefuse() {
    assertThatThrownBy(() -> new HnswIndex(VectorStorage.VECTOR, 32, 48))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ef_construction");
    assertThatThrownBy(() -> new HnswIndex(VectorStorage.VECTOR, 1, 64))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
