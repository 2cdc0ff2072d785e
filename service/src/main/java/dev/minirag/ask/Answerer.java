package dev.minirag.ask;

import java.util.List;
import java.util.function.Consumer;

/** Writes an answer grounded in the passages, citing them by number. */
public interface Answerer {

  record Answer(String text, List<Citation> citations, List<Integer> rejectedCitations) {}

  /** A short name for responses and metrics, e.g. "extractive" or "llm:gpt-4o-mini". */
  String name();

  /**
   * @param tokens receives the answer text piece by piece as it is produced (for streaming)
   */
  Answer answer(String question, List<Passage> passages, Consumer<String> tokens);
}
