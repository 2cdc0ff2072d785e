package dev.minirag.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The real quantized MiniLM from its jar (the bge models behave alike; they are just slower). */
class OnnxEmbedderIT {

  @Test
  void embedsNormalizedVectorsThatPlaceSimilarTextsClose() {
    OnnxEmbedder e = TestEmbedders.miniLmQ();
    assertThat(e.model()).isEqualTo("all-minilm-l6-v2-q");
    assertThat(e.dimension()).isEqualTo(384);
    assertThat(e.maxTokens()).isEqualTo(128);

    List<float[]> docs =
        e.embedDocuments(
            List.of(
                "Plants convert sunlight, water and carbon dioxide into glucose.",
                "The stock market fell sharply after the interest rate decision.",
                "Photosynthesis happens in chloroplasts."));
    float[] query = e.embedQuery("how do plants make food from light");

    assertThat(docs).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(384));
    for (float[] v : docs) {
      assertThat(Vectors.dot(v, v)).isCloseTo(1.0, within(1e-4));
    }
    assertThat(Vectors.dot(query, docs.get(0))).isGreaterThan(Vectors.dot(query, docs.get(1)) + 0.2);
    assertThatThrownBy(() -> e.embedDocuments(List.of("fine", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  @Test
  void batchesAndThreadsGiveTheSameVectorsAsSingleCalls() throws Exception {
    OnnxEmbedder parallel = new OnnxEmbedder("ALL-MINILM-L6-V2-Q", 2, 2);
    try {
      List<String> texts = List.of("alpha beta", "gamma delta epsilon", "zeta", "eta theta iota kappa", "lambda");
      List<float[]> batched = parallel.embedDocuments(texts);
      assertThat(batched).hasSize(5);
      for (int i = 0; i < texts.size(); i++) {
        float[] single = TestEmbedders.miniLmQ().embedQuery(texts.get(i));
        assertThat(Vectors.dot(batched.get(i), single)).isCloseTo(1.0, within(1e-4));
      }
    } finally {
      parallel.stop();
    }
  }

  @Test
  void knowsEveryBundledModelByName() {
    assertThat(OnnxEmbedder.Model.byName("bge-small-en-v1.5").maxTokens()).isEqualTo(512);
    assertThat(OnnxEmbedder.Model.byName("bge-small-en-v1.5-q").maxTokens()).isEqualTo(512);
    assertThat(OnnxEmbedder.Model.byName("all-minilm-l6-v2").maxTokens()).isEqualTo(128);
  }
}
