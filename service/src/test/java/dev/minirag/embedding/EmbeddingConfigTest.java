package dev.minirag.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmbeddingConfigTest {

  @Test
  void zeroThreadsMeansOneModelCallPerCore() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(EmbeddingConfig.onnx("bge-small-en-v1.5-q", 0, 32).getThreads()).isEqualTo(cores);
    assertThat(EmbeddingConfig.onnx("bge-small-en-v1.5-q", 3, 32).getThreads()).isEqualTo(3);
  }

  @Test
  void aModelCallRunsOnOneThreadUnlessConfigured() {
    assertThat(new EmbeddingConfig().getModelThreads()).isEqualTo(1);
    assertThat(new EmbeddingConfig().getThreads())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
  }
}
