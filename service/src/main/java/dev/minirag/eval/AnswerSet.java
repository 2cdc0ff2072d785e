package dev.minirag.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A question set for the answer benchmark: JSON lines of {@code id, kind, question, facts, pages,
 * smoke}. A question with no facts is one the documents do not answer; the right response is to
 * abstain.
 */
public record AnswerSet(String name, List<Question> questions) {

  static final int MAX_QUESTIONS = 10_000;
  private static final Pattern MARKER = Pattern.compile("\\[\\d+]");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  public record Question(
      String id,
      String kind,
      String question,
      List<String> facts,
      List<String> pages,
      boolean smoke) {
    boolean answerable() {
      return facts != null && !facts.isEmpty();
    }

    /** Whether the answer text states one of the accepted facts (see {@link #normalize}). */
    boolean answeredBy(String answer) {
      String text = normalize(answer);
      return answerable()
          && facts.stream()
              .map(AnswerSet::normalize)
              .anyMatch(f -> !f.isEmpty() && text.contains(f));
    }

    /**
     * The rank (1-based) of the first passage whose text states an accepted fact, or null: where an
     * answer quoting the passages could have found it.
     */
    public Integer statedIn(List<String> passages) {
      if (!answerable()) {
        return null;
      }
      for (int i = 0; i < passages.size(); i++) {
        if (answeredBy(passages.get(i))) {
          return i + 1;
        }
      }
      return null;
    }

    /** Whether the file is one of the pages that state the answer. */
    boolean rightPage(String fileName) {
      return fileName != null && pages != null && pages.contains(fileName);
    }
  }

  public static AnswerSet load(Path file, boolean smokeOnly) throws IOException {
    ObjectMapper json =
        new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    List<Question> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        Question q = json.readValue(line, Question.class);
        if (q.id() == null || q.question() == null || q.question().isBlank()) {
          throw new IllegalArgumentException(
              file + " line " + lineNo + ": id and question are required");
        }
        if (!ids.add(q.id())) {
          throw new IllegalArgumentException(file + " line " + lineNo + ": duplicate id " + q.id());
        }
        if (out.size() >= MAX_QUESTIONS) {
          throw new IllegalArgumentException(file + ": more than " + MAX_QUESTIONS + " questions");
        }
        if (!smokeOnly || q.smoke()) {
          out.add(q);
        }
      }
    }
    String name =
        file.getFileName().toString().replaceFirst("\\.jsonl$", "") + (smokeOnly ? "-smoke" : "");
    return new AnswerSet(name, List.copyOf(out));
  }

  /**
   * Lower case, citation markers removed, typographic quotes and dashes folded, runs of white space
   * made one space: a fact matches however the answer was laid out.
   */
  static String normalize(String s) {
    String t =
        Normalizer.normalize(s, Normalizer.Form.NFKC)
            .toLowerCase(Locale.ROOT)
            .replace('\u2019', '\'')
            .replace('\u2018', '\'')
            .replace('\u201c', '"')
            .replace('\u201d', '"')
            .replace('\u2013', '-')
            .replace('\u2014', '-');
    t = MARKER.matcher(t).replaceAll(" ");
    return SPACE.matcher(t).replaceAll(" ").strip();
  }
}
