package dev.minirag.client.model;

import java.util.List;

/**
 * One event of a streamed answer: {@link Token}s as the answer is written, then {@link Citations},
 * then {@link Done} with the whole answer; or {@link Error} when the answer failed after the stream
 * began.
 */
public sealed interface AskEvent {

  /** A piece of the answer text, in order. */
  record Token(String text) implements AskEvent {}

  /** The answer's citations, before {@link Done}. */
  record Citations(List<AskResult.Citation> citations) implements AskEvent {}

  /** The whole answer, as the non-streaming call returns it; the last event. */
  record Done(AskResult result) implements AskEvent {}

  /** The answer failed after the stream began; the last event. */
  record Error(ApiError error) implements AskEvent {}
}
