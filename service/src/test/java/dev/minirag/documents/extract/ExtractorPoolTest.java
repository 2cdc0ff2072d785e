package dev.minirag.documents.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minirag.common.ApiException;
import dev.minirag.documents.IngestConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  /**
   * Two parsers that never look at the interrupt themselves: Tika on a PDF of blank pages (stopped
   * by the content handler) and jsoup on 10 MB of nested divs, several seconds of CPU (stopped by
   * the input stream it reads as it parses).
   */
  static Stream<Arguments> slowDocuments() {
    return Stream.of(
        Arguments.of("a.pdf", (Supplier<byte[]>) () -> manyBlankPages),
        Arguments.of(
            "a.html",
            (Supplier<byte[]>)
                () -> TestDocuments.utf8("<html><body>" + "<div>".repeat(2_000_000) + "deep")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("slowDocuments")
  void aTimedOutParseStopsItsThreadAndFreesItsSlot(String name, Supplier<byte[]> document)
      throws Exception {
    byte[] content = document.get();
    long fullParseCpu = cpuOfAFullParse(content, name);
    ExtractionLimits limits =
        new IngestConfig().extraction().withParseTimeout(Duration.ofMillis(50));
    try (Extractor extractor = new Extractor(limits, 1)) {
      ExtractionException e =
          catchThrowableOfType(
              ExtractionException.class, () -> extractor.extract(content, name, null));
      assertThat(e.status()).isEqualTo(422);
      assertThat(e.getMessage()).contains("took longer than");

      // The slot is given back by the parse thread itself, only when the parse has ended.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (extractor.idleThreads() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(extractor.idleThreads()).as("parse threads free again").isEqualTo(1);

      // CPU time, not wall time: the machine may be busy. This extractor's only thread ran only
      // this parse, so its CPU time is what the parse cost before it stopped.
      Thread parser = parseThread();
      long stoppedParseCpu = THREADS.getThreadCpuTime(parser.getId());
      System.out.printf(
          "%s: full parse %d ms CPU, stopped after %d ms CPU%n",
          name, fullParseCpu / 1_000_000, stoppedParseCpu / 1_000_000);
      // Only where the stoppable part is most of the work: the PDF's page tree is read before
      // Tika hands over the first page, the first place its parse can be stopped, and that reading
      // was measured at 52 % to 94 % of a whole parse on this machine, so the CPU compared says
      // nothing for the PDF (its stop is shown by the 422, the freed slot and the idle thread).
      if (name.endsWith(".html")) {
        assertThat(stoppedParseCpu)
            .as("CPU of the stopped parse vs a full parse (%d ms), ns", fullParseCpu / 1_000_000)
            .isLessThan(fullParseCpu / 2);
      }
      Thread.sleep(200);
      assertThat(THREADS.getThreadCpuTime(parser.getId()) - stoppedParseCpu)
          .as("CPU the parse thread used while idle, ns")
          .isLessThan(TimeUnit.MILLISECONDS.toNanos(20));

      // And the freed thread takes the next document.
      assertThat(extractor.extract(TestDocuments.utf8("next"), "a.txt", null).charCount())
          .isEqualTo(4);
    }
  }

  @Test
  void aParseTimedOutBeforeItStartedGivesItsSlotBack() throws Exception {
    // A 1 ns budget times out before the task can start (or just after): either way the slot must
    // come back, or the single thread's pool would refuse everything from then on.
    ExtractionLimits limits = new IngestConfig().extraction().withParseTimeout(Duration.ofNanos(1));
    try (Extractor extractor = new Extractor(limits, 1)) {
      for (int i = 0; i < 20; i++) {
        ExtractionException e =
            catchThrowableOfType(
                ExtractionException.class,
                () -> extractor.extract(TestDocuments.docx(), "a.docx", null));
        assertThat(e.status()).as("attempt %d", i).isEqualTo(422);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (extractor.idleThreads() < 1 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(extractor.idleThreads()).as("free after attempt %d", i).isEqualTo(1);
      }
    }
  }

  private static long cpuOfAFullParse(byte[] content, String name) throws Exception {
    try (Extractor extractor = new Extractor(new IngestConfig().extraction(), 1)) {
      long before = THREADS.getCurrentThreadCpuTime();
      try {
        extractor.extractHere(content, name, null, System.nanoTime() + TimeUnit.HOURS.toNanos(1));
      } catch (ApiException e) {
        // blank pages: "no extractable text", after the whole document was walked
      }
      return THREADS.getCurrentThreadCpuTime() - before;
    }
  }

  @Test
  void aFullPoolRefusesWith503AndRetryAfterInsteadOfQueueing() throws Exception {
    try (Extractor extractor = new Extractor(new IngestConfig().extraction(), 1)) {
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
