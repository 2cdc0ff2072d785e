package dev.minirag.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our tokenizer and encoder give what the Hugging Face tokenizers library and langchain4j's encoder
 * gave, token for token and bit for bit, so vectors stored before the switch still match queries
 * embedded after it. The texts are this repository's documentation (prose, code, tables, Unicode)
 * and hand-picked edge cases.
 */
class WordPieceTokenizerTest {

  private static final List<String> EDGES =
      List.of(
          "Hello, world! I do not know; don't ask.",
          "Ünïcödé àccents, ÉCOLE, straße, İstanbul, ΣΊΣΥΦΟΣ, naïve café",
          "中文字符和日本語のテキスト, 한국어",
          "control\u0000chars\u0007 and\u200b zero\u00a0width\u2003spaces\ttabs\r\nnewlines",
          "emoji 🙂👍🏽 and symbols ©®™ ±×÷ ≤≥ → ← ∞ µ",
          "special tokens written in text: [CLS] [SEP] [MASK] [UNK] [PAD] [cls]",
          "a" + "b".repeat(150) + " pneumonoultramicroscopicsilicovolcanoconiosis",
          "##leading hashes and trailing ## and ### more",
          "git config --global core.editor \"code --wait\" && echo $HOME/.gitconfig",
          "x = f(a[1], b={'k': 2}) # comment; y <= 3 != 4",
          "The rate was 12.5% (p < 0.001; n = 1,024) in 2019–2020 — ‘quoted’ “text”…",
          "word " + "supercalifragilistic ".repeat(700));

  @Test
  void tokensAreTheLibrarysForEveryModel() throws IOException {
    List<String> texts = texts();
    for (String model : List.of("bge-small-en-v1.5-q", "all-minilm-l6-v2-q")) {
      WordPieceTokenizer ours = WordPieceTokenizer.read(resource(model + "-tokenizer.json"));
      try (HuggingFaceTokenizer theirs =
          HuggingFaceTokenizer.newInstance(
              resource(model + "-tokenizer.json"), Map.of("padding", "false"))) {
        for (String text : texts) {
          List<String> expected = new ArrayList<>(theirs.tokenize(text));
          expected.remove(0); // [CLS]
          expected.remove(expected.size() - 1); // [SEP]
          assertThat(ours.tokenize(text)).as(model + ": " + text).isEqualTo(expected);
          assertThat(ours.ids(ours.tokenize(text)))
              .as(model + " ids: " + text)
              .isEqualTo(theirs.encode(text).getIds());
          assertThat(WordPieceTokenizer.decode(ours.tokenize(text)))
              .as(model + " decoded: " + text)
              .isEqualTo(theirs.buildSentence(expected));
        }
      }
    }
  }

  @Test
  void randomUnicodeTokenizesAsTheLibraryDoes() throws IOException {
    // Code points from blocks a document may mix: ASCII, Latin with accents, Greek, Cyrillic,
    // combining marks, CJK, Hangul, general punctuation, symbols, emoji, controls and formats.
    int[][] blocks = {
      {0x20, 0x7E},
      {0x00, 0x1F},
      {0xA0, 0x24F},
      {0x300, 0x36F},
      {0x370, 0x3FF},
      {0x400, 0x4FF},
      {0x2000, 0x206F},
      {0x20A0, 0x214F},
      {0x2190, 0x22FF},
      {0x3000, 0x303F},
      {0x4E00, 0x4FFF},
      {0xAC00, 0xAD00},
      {0xFE00, 0xFE0F},
      {0xFF00, 0xFFEF},
      {0x1F300, 0x1F64F},
      {0xE000, 0xE010}
    };
    java.util.Random random = new java.util.Random(20261206);
    for (String model : List.of("bge-small-en-v1.5-q", "all-minilm-l6-v2-q")) {
      WordPieceTokenizer ours = WordPieceTokenizer.read(resource(model + "-tokenizer.json"));
      try (HuggingFaceTokenizer theirs =
          HuggingFaceTokenizer.newInstance(
              resource(model + "-tokenizer.json"), Map.of("padding", "false"))) {
        for (int i = 0; i < 2_000; i++) {
          StringBuilder text = new StringBuilder();
          for (int n = 1 + random.nextInt(40); n > 0; n--) {
            int[] b = blocks[random.nextInt(blocks.length)];
            text.appendCodePoint(b[0] + random.nextInt(b[1] - b[0] + 1));
            if (random.nextInt(4) == 0) {
              text.append(' ');
            }
          }
          List<String> expected = new ArrayList<>(theirs.tokenize(text.toString()));
          expected.remove(0);
          expected.remove(expected.size() - 1);
          assertThat(ours.tokenize(text.toString()))
              .as(model + ": " + text.codePoints().mapToObj(Integer::toHexString).toList())
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void vectorsAreLangchain4jsBitForBit() throws Exception {
    List<String> texts = new ArrayList<>(EDGES);
    texts.removeIf(String::isBlank);
    // Long texts too: several windows averaged (bge), or cut at 128 tokens (MiniLM).
    List<String> docs = texts();
    texts.addAll(docs.stream().filter(t -> t.length() > 2_000).limit(6).toList());
    texts.addAll(docs.stream().limit(40).toList());
    for (OnnxEmbedder.Model model :
        List.of(OnnxEmbedder.Model.BGE_SMALL_EN_V15_Q, OnnxEmbedder.Model.ALL_MINILM_L6_V2_Q)) {
      OnnxEmbedder ours = new OnnxEmbedder(model, 2, 8);
      AbstractInProcessEmbeddingModel theirs = langchain4j(model);
      List<float[]> a = ours.embedDocuments(texts);
      for (int i = 0; i < texts.size(); i++) {
        float[] b =
            Vectors.l2Normalize(
                theirs.embedAll(List.of(TextSegment.from(texts.get(i)))).content().get(0).vector());
        assertThat(a.get(i)).as(model + ": " + texts.get(i)).isEqualTo(b);
      }
      assertThat(ours.dimension()).isEqualTo(theirs.dimension());
      ours.stop();
    }
  }

  @Test
  void aLongTextIsCutAtTheModelsWindow() throws IOException {
    String many = "[SEP] word ".repeat(200_000) + "x".repeat(200_000);
    assertThat(
            WordPieceTokenizer.read(resource("bge-small-en-v1.5-q-tokenizer.json")).tokenize(many))
        .hasSize(510)
        .startsWith("[SEP]", "word", "[SEP]");
    assertThat(
            WordPieceTokenizer.read(resource("all-minilm-l6-v2-q-tokenizer.json")).tokenize(many))
        .hasSize(126);
  }

  private static AbstractInProcessEmbeddingModel langchain4j(OnnxEmbedder.Model model)
      throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OnnxBertBiEncoder encoder;
    try (InputStream weights = resource(model.modelName() + ".onnx");
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      encoder =
          new OnnxBertBiEncoder(
              env,
              env.createSession(weights.readAllBytes(), options),
              resource(model.modelName() + "-tokenizer.json"),
              model == OnnxEmbedder.Model.BGE_SMALL_EN_V15_Q ? PoolingMode.CLS : PoolingMode.MEAN);
    }
    return new AbstractInProcessEmbeddingModel(Runnable::run) {
      @Override
      protected OnnxBertBiEncoder model() {
        return encoder;
      }
    };
  }

  /** The edge cases, then every paragraph of the repository's Markdown documentation. */
  private static List<String> texts() throws IOException {
    List<String> out = new ArrayList<>(EDGES);
    Path docs = Path.of(System.getProperty("user.dir")).getParent().resolve("docs");
    try (Stream<Path> files = Files.walk(docs)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        String text = Files.readString(f);
        out.add(text);
        for (String paragraph : text.split("\n\n")) {
          if (!paragraph.isBlank()) {
            out.add(paragraph);
          }
        }
      }
    }
    return out;
  }

  private static InputStream resource(String name) {
    InputStream in = WordPieceTokenizerTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as(name).isNotNull();
    return in;
  }
}
