package dev.minirag.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A BERT sentence encoder in an ONNX Runtime session: WordPiece tokens in, one pooled and
 * normalized vector out. A text longer than the model's window is cut at it (128 tokens for MiniLM,
 * 512 for bge). These steps, the decode-and-retokenize check included, are the ones the vectors
 * already stored were made with (by langchain4j's encoder before this class replaced it), so old
 * and new vectors are the same bit for bit.
 */
final class BertEncoder {

  enum Pooling {
    /** The [CLS] token's vector (bge). */
    CLS,
    /** The mean of all tokens' vectors (MiniLM). */
    MEAN
  }

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final Set<String> inputs;
  private final WordPieceTokenizer tokenizer;
  private final Pooling pooling;

  BertEncoder(
      OrtEnvironment environment,
      OrtSession session,
      WordPieceTokenizer tokenizer,
      Pooling pooling) {
    this.environment = environment;
    this.session = session;
    this.inputs = session.getInputNames();
    this.tokenizer = tokenizer;
    this.pooling = pooling;
  }

  /** The vectors' length, from the model's output shape. */
  int dimension() {
    try {
      ai.onnxruntime.NodeInfo out = session.getOutputInfo().values().iterator().next();
      long[] shape = ((ai.onnxruntime.TensorInfo) out.getInfo()).getShape();
      return (int) shape[shape.length - 1];
    } catch (OrtException e) {
      throw new EmbeddingException("the ONNX session has no output shape: " + e.getMessage(), e);
    }
  }

  float[] embed(String text) {
    List<String> pieces = tokenizer.tokenize(text);
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("cannot embed a text with no tokens");
    }
    return normalize(run(tokenizer.ids(retokenized(pieces))));
  }

  /**
   * The pieces as text and tokenized again: the same pieces, unless the cut at the window split a
   * word that tokenizes differently on its own; then the tokens of the pieces glued together.
   */
  private List<String> retokenized(List<String> pieces) {
    List<String> again = tokenizer.tokenize(WordPieceTokenizer.decode(pieces));
    return again.equals(pieces) ? pieces : tokenizer.tokenize(String.join("", pieces));
  }

  private float[] run(long[] ids) {
    long[] mask = new long[ids.length];
    java.util.Arrays.fill(mask, 1);
    long[] types = new long[ids.length];
    long[] shape = {1, ids.length};
    try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        OnnxTensor typeTensor =
            OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
      Map<String, OnnxTensor> feed = new HashMap<>();
      feed.put("input_ids", idTensor);
      feed.put("attention_mask", maskTensor);
      if (inputs.contains("token_type_ids")) {
        feed.put("token_type_ids", typeTensor);
      }
      try (OrtSession.Result result = session.run(feed)) {
        float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
        return pooling == Pooling.CLS ? tokens[0] : mean(tokens);
      }
    } catch (OrtException e) {
      throw new EmbeddingException("the ONNX session failed: " + e.getMessage(), e);
    }
  }

  private static float[] mean(float[][] tokens) {
    float[] sum = new float[tokens[0].length];
    for (float[] t : tokens) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += t[j];
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= tokens.length;
    }
    return sum;
  }

  private static float[] normalize(float[] v) {
    float squares = 0;
    for (float x : v) {
      squares += x * x;
    }
    float norm = (float) Math.sqrt(squares);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] / norm;
    }
    return out;
  }
}
