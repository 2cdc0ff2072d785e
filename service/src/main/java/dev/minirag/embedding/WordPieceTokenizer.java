package dev.minirag.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's WordPiece tokenizer, read from a model's {@code tokenizer.json} (a BertNormalizer, the
 * BertPreTokenizer, a WordPiece model and "[CLS] $A [SEP]"), in plain Java: the same tokens as the
 * Hugging Face tokenizers library gives for these files, without its native library. Linear in the
 * text's length: it stops cutting words into pieces at the truncation length, and a word longer
 * than {@code max_input_chars_per_word} is one unknown token.
 */
final class WordPieceTokenizer {

  static final String CLS = "[CLS]";
  static final String SEP = "[SEP]";
  private static final String PREFIX = "##";
  private static final int MAX_POSITIONS = 512;

  private final Map<String, Integer> vocab;
  private final List<String> special;
  private final String unknown;
  private final int maxWordChars;
  private final int maxTokens;
  private final boolean cleanText;
  private final boolean chineseChars;
  private final boolean stripAccents;
  private final boolean lowercase;

  private WordPieceTokenizer(JsonNode json) {
    JsonNode model = json.required("model");
    if (!"WordPiece".equals(model.path("type").asText())
        || !PREFIX.equals(model.path("continuing_subword_prefix").asText(PREFIX))) {
      throw new IllegalArgumentException("not a WordPiece tokenizer: " + model.path("type"));
    }
    vocab = new HashMap<>();
    model
        .required("vocab")
        .fields()
        .forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().intValue()));
    unknown = model.path("unk_token").asText("[UNK]");
    maxWordChars = model.path("max_input_chars_per_word").asInt(100);
    special = new ArrayList<>();
    for (JsonNode t : json.path("added_tokens")) {
      if (t.path("special").asBoolean() && !t.path("normalized").asBoolean()) {
        special.add(t.required("content").asText());
        vocab.putIfAbsent(t.required("content").asText(), t.required("id").asInt());
      }
    }
    JsonNode n = json.path("normalizer");
    cleanText = n.path("clean_text").asBoolean(true);
    chineseChars = n.path("handle_chinese_chars").asBoolean(true);
    lowercase = n.path("lowercase").asBoolean(true);
    // As in the library: accents are stripped when unset and the text is lower-cased.
    stripAccents =
        n.path("strip_accents").isNull() ? lowercase : n.path("strip_accents").asBoolean();
    // A file without a truncation length is cut at BERT's 512 positions, as the library the
    // stored vectors were made with did.
    maxTokens = json.path("truncation").path("max_length").asInt(MAX_POSITIONS);
    for (String t : List.of(CLS, SEP, unknown)) {
      if (!vocab.containsKey(t)) {
        throw new IllegalArgumentException("the vocabulary lacks " + t);
      }
    }
  }

  static WordPieceTokenizer read(InputStream tokenizerJson) throws IOException {
    return new WordPieceTokenizer(new ObjectMapper().readTree(tokenizerJson));
  }

  /**
   * The text's first word pieces, without [CLS] and [SEP]: as many as fit with those two in the
   * truncation length (128 for MiniLM, 512 for bge).
   */
  List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int limit = maxTokens - 2;
    // Where each special token next occurs; searched again only once passed, so the text is
    // scanned once per special token however many times they occur.
    int[] next = new int[special.size()];
    java.util.Arrays.fill(next, -2);
    int from = 0;
    while (from < text.length() && out.size() < limit) {
      // Special tokens written in the text are matched as written, before normalization.
      int at = text.length();
      String found = null;
      for (int k = 0; k < special.size(); k++) {
        if (next[k] != -1 && next[k] < from) {
          next[k] = text.indexOf(special.get(k), from);
        }
        int i = next[k];
        String s = special.get(k);
        if (i >= 0 && (i < at || i == at && found != null && s.length() > found.length())) {
          at = i;
          found = s;
        }
      }
      words(normalize(text.substring(from, at)), out, limit);
      if (found != null && out.size() < limit) {
        out.add(found);
      }
      from = found == null ? text.length() : at + found.length();
    }
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  /**
   * [CLS], the pieces (as {@link #tokenize} gives them, within the truncation length), [SEP], as
   * ids.
   */
  long[] ids(List<String> pieces) {
    int n = pieces.size(); // tokenize stopped at the truncation length
    long[] ids = new long[n + 2];
    ids[0] = vocab.get(CLS);
    for (int i = 0; i < n; i++) {
      ids[i + 1] = vocab.getOrDefault(pieces.get(i), vocab.get(unknown));
    }
    ids[n + 1] = vocab.get(SEP);
    return ids;
  }

  /**
   * The pieces joined back into text as the encoder the stored vectors were made with did it: with
   * spaces, "##" pieces glued to the one before.
   */
  static String decode(List<String> pieces) {
    return String.join(" ", pieces).replace(" " + PREFIX, "").strip();
  }

  private String normalize(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              if (cleanText && (c == 0 || c == 0xFFFD || isControl(c))) {
                return;
              }
              if (cleanText && isWhitespace(c)) {
                sb.append(' ');
              } else if (chineseChars && isChinese(c)) {
                sb.append(' ').appendCodePoint(c).append(' ');
              } else {
                sb.appendCodePoint(c);
              }
            });
    String s = sb.toString();
    if (stripAccents) {
      s = Normalizer.normalize(s, Normalizer.Form.NFD);
      StringBuilder kept = new StringBuilder(s.length());
      s.codePoints()
          .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
          .forEach(kept::appendCodePoint);
      s = kept.toString();
    }
    if (lowercase) {
      // Code point by code point, with no context: the library has no final-sigma rule.
      StringBuilder lower = new StringBuilder(s.length());
      s.codePoints()
          .forEach(
              c -> {
                if (c < 0x80) {
                  lower.append(Character.toLowerCase((char) c));
                } else {
                  lower.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
                }
              });
      s = lower.toString();
    }
    return s;
  }

  /** Splits on white space, isolates punctuation, and cuts each word into pieces. */
  private void words(String text, List<String> out, int limit) {
    int start = -1;
    for (int i = 0; i < text.length() && out.size() < limit; ) {
      int c = text.codePointAt(i);
      int next = i + Character.charCount(c);
      if (isWhitespace(c) || isPunctuation(c)) {
        if (start >= 0) {
          pieces(text.substring(start, i), out);
          start = -1;
        }
        if (!isWhitespace(c)) {
          pieces(text.substring(i, next), out);
        }
      } else if (start < 0) {
        start = i;
      }
      i = next;
    }
    if (start >= 0 && out.size() < limit) {
      pieces(text.substring(start), out);
    }
  }

  /** Greedy longest match first; a word with a part the vocabulary lacks is one unknown token. */
  private void pieces(String word, List<String> out) {
    if (word.codePointCount(0, word.length()) > maxWordChars) {
      out.add(unknown);
      return;
    }
    List<String> found = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      String piece = null;
      while (start < end) {
        String candidate = (start > 0 ? PREFIX : "") + word.substring(start, end);
        if (vocab.containsKey(candidate)) {
          piece = candidate;
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (piece == null) {
        out.add(unknown);
        return;
      }
      found.add(piece);
      start = end;
    }
    out.addAll(found);
  }

  private static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int t = Character.getType(c);
    // Not unassigned code points: the library keeps those (they become unknown tokens).
    return t == Character.CONTROL
        || t == Character.FORMAT
        || t == Character.PRIVATE_USE
        || t == Character.SURROGATE;
  }

  /** Unicode's White_Space property, as the library reads it. */
  private static boolean isWhitespace(int c) {
    return c >= 0x09 && c <= 0x0D
        || c == 0x20
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || c >= 0x2000 && c <= 0x200A
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  private static boolean isPunctuation(int c) {
    if (c < 128) {
      return c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126;
    }
    int t = Character.getType(c);
    return t == Character.CONNECTOR_PUNCTUATION
        || t == Character.DASH_PUNCTUATION
        || t == Character.START_PUNCTUATION
        || t == Character.END_PUNCTUATION
        || t == Character.INITIAL_QUOTE_PUNCTUATION
        || t == Character.FINAL_QUOTE_PUNCTUATION
        || t == Character.OTHER_PUNCTUATION;
  }

  private static boolean isChinese(int c) {
    return c >= 0x4E00 && c <= 0x9FFF
        || c >= 0x3400 && c <= 0x4DBF
        || c >= 0x20000 && c <= 0x2A6DF
        || c >= 0x2A700 && c <= 0x2B73F
        || c >= 0x2B740 && c <= 0x2B81F
        || c >= 0x2B820 && c <= 0x2CEAF
        || c >= 0xF900 && c <= 0xFAFF
        || c >= 0x2F800 && c <= 0x2FA1F;
  }
}
