package dev.minirag.embedding;

/** One real in-process model per test JVM: the quantized MiniLM, the fastest to load and run. */
public final class TestEmbedders {

  private static OnnxEmbedder miniLm;

  private TestEmbedders() {}

  public static synchronized OnnxEmbedder miniLmQ() {
    if (miniLm == null) {
      miniLm = new OnnxEmbedder(OnnxEmbedder.Model.ALL_MINILM_L6_V2_Q, 1, 16);
    }
    return miniLm;
  }
}
