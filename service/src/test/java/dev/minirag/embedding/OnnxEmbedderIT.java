package dev.minirag.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;
import java.util.Map;
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
    assertThat(Vectors.dot(query, docs.get(0)))
        .isGreaterThan(Vectors.dot(query, docs.get(1)) + 0.2);
    assertThatThrownBy(() -> e.embedDocuments(List.of("fine", " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  @Test
  void batchesAndThreadsGiveTheSameVectorsAsSingleCalls() throws Exception {
    OnnxEmbedder parallel = new OnnxEmbedder("ALL-MINILM-L6-V2-Q", 2, 2, 1);
    try {
      List<String> texts =
          List.of("alpha beta", "gamma delta epsilon", "zeta", "eta theta iota kappa", "lambda");
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

  /**
   * Our own ONNX session (one thread per call) must give langchain4j's vectors: same file,
   * tokenizer, pooling.
   */
  @Test
  void ownSessionsGiveTheVectorsOfLangchain4jsModelClasses() throws Exception {
    List<String> texts =
        List.of("Photosynthesis happens in chloroplasts.", "a b", "The stock market fell sharply.");
    Map<OnnxEmbedder.Model, EmbeddingModel> references =
        Map.of(
            OnnxEmbedder.Model.ALL_MINILM_L6_V2_Q, new AllMiniLmL6V2QuantizedEmbeddingModel(),
            OnnxEmbedder.Model.BGE_SMALL_EN_V15_Q, new BgeSmallEnV15QuantizedEmbeddingModel());
    for (Map.Entry<OnnxEmbedder.Model, EmbeddingModel> ref : references.entrySet()) {
      OnnxEmbedder ours = new OnnxEmbedder(ref.getKey(), 2, 2, 1);
      try {
        List<float[]> got = ours.embedDocuments(texts);
        for (int i = 0; i < texts.size(); i++) {
          float[] want = Vectors.l2Normalize(ref.getValue().embed(texts.get(i)).content().vector());
          assertThat(Vectors.dot(got.get(i), want))
              .as(ref.getKey() + " text " + i)
              .isCloseTo(1.0, within(1e-4));
        }
        assertThat(Vectors.dot(got.get(0), got.get(2)))
            .as("different texts differ")
            .isLessThan(0.95);
      } finally {
        ours.stop();
      }
    }
  }

  @Test
  void knowsEveryBundledModelByName() {
    assertThat(OnnxEmbedder.Model.byName("bge-small-en-v1.5").maxTokens()).isEqualTo(512);
    assertThat(OnnxEmbedder.Model.byName("bge-small-en-v1.5-q").maxTokens()).isEqualTo(512);
    assertThat(OnnxEmbedder.Model.byName("all-minilm-l6-v2").maxTokens()).isEqualTo(128);
  }
}
