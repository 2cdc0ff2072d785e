package dev.minirag.ask;

import java.util.List;
import java.util.function.Consumer;

/** Writes an answer grounded in the passages, citing them by number. */
public interface Answerer {

  /**
   * @param abstained the documents did not hold an answer: the text says so and the citations are
   *     the closest passages, offered for reading rather than as support
   * @param support how much of the question's vocabulary (weighted by rarity) the best evidence
   *     covers, 0 to 1; null when the answerer cannot say (a chat model)
   */
  record Answer(
      String text,
      List<Citation> citations,
      List<Integer> rejectedCitations,
      boolean abstained,
      Double support) {
    public Answer(String text, List<Citation> citations, List<Integer> rejectedCitations) {
      this(text, citations, rejectedCitations, false, null);
    }

    public Answer(
        String text, List<Citation> citations, List<Integer> rejectedCitations, boolean abstained) {
      this(text, citations, rejectedCitations, abstained, null);
    }
  }

  /** A short name for responses and metrics, e.g. "extractive" or "llm:gpt-4o-mini". */
  String name();

  /**
   * @param tokens receives the answer text piece by piece as it is produced (for streaming)
   */
  Answer answer(String question, List<Passage> passages, Consumer<String> tokens);
}
