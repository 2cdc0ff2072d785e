package dev.minirag.ask;

import dev.minirag.tracing.TracedSpan;
import dev.minirag.tracing.Tracing;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link Answerer} whose answers are {@code answer} spans: which answerer wrote it (the chat
 * model's call is this span, and is sent its id as {@code traceparent}), from how many passages,
 * and whether it abstained.
 */
public final class TracedAnswerer implements Answerer {

  private final Answerer inner;
  private final Tracing tracing;

  public TracedAnswerer(Answerer inner, Tracing tracing) {
    this.inner = inner;
    this.tracing = tracing;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Answer answer(String question, List<Passage> passages, Consumer<String> tokens) {
    try (TracedSpan span =
        tracing
            .span("answer")
            .set("minirag.answerer", inner.name())
            .set("minirag.answer.passages", passages.size())) {
      try {
        Answer answer = inner.answer(question, passages, tokens);
        span.set("minirag.answer.abstained", answer.abstained())
            .set("minirag.answer.citations", answer.citations().size());
        return answer;
      } catch (RuntimeException e) {
        span.fail(e);
        throw e;
      }
    }
  }
}
