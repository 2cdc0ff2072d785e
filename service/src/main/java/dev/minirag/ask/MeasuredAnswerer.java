package dev.minirag.ask;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Histogram;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link Answerer} that measures the one it wraps: {@code
 * minirag_answer_duration_seconds{answerer,outcome}} from the passages handed over to the last
 * token, {@code outcome} being {@code ok} or {@code failed} (the chat model unreachable, timed out
 * or refused).
 */
public final class MeasuredAnswerer implements Answerer {

  private final Answerer inner;
  private final Histogram duration;

  public MeasuredAnswerer(Answerer inner, CollectorRegistry registry) {
    this.inner = inner;
    this.duration =
        Histogram.build()
            .name("minirag_answer_duration_seconds")
            .help("Time to write one answer from its passages, by answerer and outcome")
            .labelNames("answerer", "outcome")
            .buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .register(registry);
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Answer answer(String question, List<Passage> passages, Consumer<String> tokens) {
    long start = System.nanoTime();
    String outcome = "failed";
    try {
      Answer answer = inner.answer(question, passages, tokens);
      outcome = "ok";
      return answer;
    } finally {
      duration.labels(inner.name(), outcome).observe((System.nanoTime() - start) / 1e9);
    }
  }
}
