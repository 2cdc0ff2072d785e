package dev.minirag.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting on jobs through the API, as a client would. */
public final class Jobs {
  public static final Set<String> FINISHED = Set.of("succeeded", "failed", "canceled");

  private Jobs() {}

  /**
   * Polls {@code read} until {@code done} holds; fails with the last value after {@code seconds}.
   */
  public static JsonNode await(Supplier<JsonNode> read, Predicate<JsonNode> done, int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    JsonNode last = read.get();
    while (!done.test(last)) {
      assertThat(System.nanoTime())
          .as("waited %d s; last seen: %s", seconds, last)
          .isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = read.get();
    }
    return last;
  }

  public static boolean finished(JsonNode job) {
    return FINISHED.contains(job.path("status").asText());
  }
}
