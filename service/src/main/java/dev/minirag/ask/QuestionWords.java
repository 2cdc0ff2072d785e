package dev.minirag.ask;

import java.util.regex.Pattern;

/**
 * The words that make a sentence a question or name who asks: "how", "do", "I", "which"… Not "when"
 * or "where": documents state conditions and places with them ("When =&lt;format&gt; is omitted,
 * …").
 */
final class QuestionWords {
  static final String LIST =
      "how what which who whom whose why do does did can could should would may might must shall"
          + " i me my mine we us our you your";

  // Whole words only, so the match is one pass over the question.
  private static final Pattern WORD =
      Pattern.compile(
          "\\b(?:" + LIST.replace(' ', '|') + ")\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private QuestionWords() {}

  /**
   * The question without its question words, as keywords for BM25: documents rarely repeat them,
   * yet a FAQ's "How do I…" or any "what" in a passage would earn their weight. The question itself
   * when no word is left.
   */
  static String removedFrom(String question) {
    String rest = WORD.matcher(question).replaceAll(" ").replaceAll("\\s+", " ").strip();
    return rest.codePoints().anyMatch(Character::isLetterOrDigit) ? rest : question;
  }
}
