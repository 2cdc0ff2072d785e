package dev.minirag.documents.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minirag.common.ApiException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parse pool: a fixed number of threads, refused work when full, and timeouts that stop. */
class ExtractorPoolTest {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Tens of thousands of blank pages: Tika walks them without producing a paragraph, so only a
   * check in the content handler notices that the parse should stop.
   */
  private static byte[] manyBlankPages;

  @BeforeAll
  static void buildPdf() {
    manyBlankPages = TestDocuments.pdf(null, Collections.nCopies(40_000, ""));
  }

  @Test
  void aTimedOutParseStopsItsThreadAndFreesItsSlot() throws Exception {
    ExtractionLimits limits = ExtractionLimits.defaults().withParseTimeout(Duration.ofMillis(50));
    try (Extractor extractor = new Extractor(limits, 1)) {
      long started = System.nanoTime();
      ExtractionException e =
          catchThrowableOfType(
              ExtractionException.class, () -> extractor.extract(manyBlankPages, "a.pdf", null));
      assertThat(e.status()).isEqualTo(422);
      assertThat(e.getMessage()).contains("took longer than");

      // The slot is given back by the parse thread itself, only when the parse has ended.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (extractor.idleThreads() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      long stoppedAfterMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(extractor.idleThreads()).as("parse threads free again").isEqualTo(1);

      Thread parser = parseThread();
      long cpu = THREADS.getThreadCpuTime(parser.getId());
      Thread.sleep(200);
      assertThat(THREADS.getThreadCpuTime(parser.getId()) - cpu)
          .as("CPU the parse thread used while idle, ns (parse stopped after %d ms)", stoppedAfterMillis)
          .isLessThan(TimeUnit.MILLISECONDS.toNanos(20));

      // And the freed thread takes the next document.
      assertThat(extractor.extract(TestDocuments.utf8("next"), "a.txt", null).charCount())
          .isEqualTo(4);
    }
  }

  @Test
  void aFullPoolRefusesWith503AndRetryAfterInsteadOfQueueing() throws Exception {
    try (Extractor extractor = new Extractor(ExtractionLimits.defaults(), 1)) {
      CompletableFuture<Object> busy =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return extractor.extract(manyBlankPages, "a.pdf", null);
                } catch (ApiException e) {
                  return e; // blank pages: "no extractable text", once the parse has walked them
                }
              });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (extractor.idleThreads() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(extractor.idleThreads()).as("the only parse thread is busy").isZero();

      ApiException refused =
          catchThrowableOfType(
              ApiException.class,
              () -> extractor.extract(TestDocuments.utf8("hello"), "a.txt", null));

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.messageIsPublic()).isTrue();
      assertThat(refused.headers()).containsEntry("Retry-After", "5");
      busy.get(60, TimeUnit.SECONDS);
    }
  }

  private static Thread parseThread() {
    List<Thread> threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("document-extract-"))
            .filter(t -> t.getName().endsWith("-1"))
            .sorted((a, b) -> Long.compare(b.getId(), a.getId()))
            .toList();
    assertThat(threads).isNotEmpty();
    return threads.get(0); // the newest extractor's thread
  }
}
