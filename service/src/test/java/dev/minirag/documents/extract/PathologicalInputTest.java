package dev.minirag.documents.extract;

import static dev.minirag.documents.extract.TestDocuments.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.minirag.common.ApiException;
import dev.minirag.documents.IngestConfig;
import dev.minirag.documents.chunk.Chunker;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs shaped to find super-linear work in extraction and chunking: long runs of blanks, huge
 * lines, thousands of headings, deep nesting, tag soup in subtitles, thousands of PDF pages. Each
 * is generated here (nothing big is committed) and must be read or refused within {@link
 * #CPU_BUDGET_NANOS} of CPU time on the thread doing the work, allocating at most a linear amount
 * of memory. CPU time, not wall time, and measured once more before failing, so a busy machine does
 * not make the test flaky.
 */
class PathologicalInputTest {

  private static final long CPU_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** Allocation allowed per input byte, plus a constant for parser set-up. Linear, generously. */
  private static final long BYTES_ALLOCATED_PER_INPUT_BYTE = 200;

  private static final long ALLOCATION_CONSTANT = 512L * 1024 * 1024;

  /** A regression can be quadratic: give up waiting long before it would finish. */
  private static final long WALL_LIMIT_SECONDS = 60;

  private static final int KB = 1024;
  private static final int MB = 1024 * KB;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The service's limits, but room for the 2 MiB texts so they reach the chunker unrefused. */
  private static final Extractor EXTRACTOR =
      new Extractor(new IngestConfig().extraction().withMaxChars(5_000_000));

  private static final Chunker CHUNKER = new Chunker(new IngestConfig().chunking());
  private static final List<String> REPORT = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void warmUp() throws Exception {
    // Class loading and first-use set-up of each parser is paid once, not by the first case.
    for (int i = 0; i < 3; i++) {
      run(utf8("plain text"), "a.txt");
      run(utf8("# Title\n\ntext"), "a.md");
      run(utf8("<html><body><p>text</p></body></html>"), "a.html");
      run(utf8("WEBVTT\n\n00:00.000 --> 00:01.000\n<b>hi</b>\n"), "a.vtt");
      run(TestDocuments.pdf(null, List.of("one page")), "a.pdf");
    }
  }

  @AfterAll
  static void printFigures() {
    REPORT.forEach(System.out::println);
    EXTRACTOR.close();
  }

  static Stream<Arguments> corpus() {
    return Stream.of(
        // Plain text: TextCleaner and the chunker's splitter.
        text("100 KB of spaces", () -> "a" + " ".repeat(100 * KB) + "b"),
        text("2 MB of spaces", () -> "a" + " ".repeat(2 * MB) + "b"),
        text("2 MB of spaces only", () -> " ".repeat(2 * MB)),
        text("2 MB of tabs and no-break spaces", () -> "a" + "\t\u00A0 ".repeat(2 * MB / 4) + "b"),
        text("2 MB of newlines", () -> "a" + "\n".repeat(2 * MB) + "b"),
        text("blank lines of spaces", () -> "a" + " \n".repeat(MB) + "b"),
        text("2 MB of carriage returns", () -> "a" + "\r".repeat(2 * MB) + "b"),
        text("2 MB of control characters", () -> "a" + "\u0001".repeat(2 * MB) + "b"),
        text("one 2 MB token", () -> "x".repeat(2 * MB)),
        text("one 2 MB line of words", () -> "word ".repeat(2 * MB / 5)),
        text("one 2 MB line of sentences", () -> "Hi. ".repeat(2 * MB / 4)),
        text("2 MB of full stops", () -> ".".repeat(2 * MB)),
        // Markdown: headings, fences, front matter.
        md("200 000 lines of #", () -> "#\n".repeat(200_000)),
        md("100 000 nested heading pairs", () -> "# h\n## h\n".repeat(100_000)),
        md("100 000 headings with text", () -> "## Section\n\ntext\n\n".repeat(100_000)),
        md("heading with 1 MB of blanks inside", () -> "# a" + " \t".repeat(MB / 2) + "b\n"),
        md("heading with blanks before closing #s", () -> "# a" + " ".repeat(MB) + "#x\n"),
        md("one 2 MB line of #", () -> "#".repeat(2 * MB)),
        md("one 2 MB heading of #", () -> "# " + "# ".repeat(MB)),
        md("100 000 fences", () -> "```\ncode\n".repeat(100_000)),
        md("200 000 setext headings", () -> "Title\n=====\n".repeat(200_000)),
        md(
            "front-matter title with 1 MB of blanks",
            () -> "---\ntitle: a" + " ".repeat(MB) + "b\n---\ntext"),
        // HTML: nesting, blanks, tables.
        html(
            "100 000 nested divs",
            () -> "<div>".repeat(100_000) + "deep" + "</div>".repeat(100_000)),
        html("50 000 nested headers", () -> "<header>".repeat(50_000) + "x"),
        html("50 000 nested articles and headers", () -> "<article><header>".repeat(25_000) + "x"),
        html("100 000 unclosed paragraphs", () -> "<p>text ".repeat(100_000)),
        html("paragraph with 2 MB of blanks", () -> "<p>a" + " \n\t".repeat(2 * MB / 3) + "b</p>"),
        html("pre with 2 MB of blanks", () -> "<pre>a" + " ".repeat(2 * MB) + "b</pre>"),
        html("heading with 2 MB of blanks", () -> "<h1>a" + " ".repeat(2 * MB) + "b</h1>"),
        html("table of 100 000 blank cells", () -> "<table><tr>" + "<td> \t </td>".repeat(100_000)),
        html("200 000 line breaks", () -> "<p>a" + "<br> ".repeat(200_000) + "b</p>"),
        // Subtitles: tags in cue text, many cues, long cues.
        vtt("cue of 300 000 <b> tags", () -> cue("<b>".repeat(300_000) + "text")),
        vtt("cue of 1 000 000 unterminated <", () -> cue("<".repeat(MB) + "text")),
        vtt("cue of 500 000 unterminated {\\", () -> cue("{\\".repeat(MB / 2) + "text")),
        vtt("cue of 2 MB of blanks", () -> cue("a" + " \t".repeat(MB) + "b")),
        vtt("cue of 500 000 entities", () -> cue("&amp;".repeat(500_000))),
        vtt("100 000 cues", () -> cues(100_000, i -> "line " + i)),
        vtt(
            "two cues of 100 000 lines",
            () -> cues(2, i -> lines(100_000, n -> "caption " + n + " of cue " + i))),
        vtt("100 000 repeated rolling lines", () -> cues(100_000, i -> "same\nline " + i)),
        file("SRT of 100 000 cues", "a.srt", () -> utf8(srt(100_000))),
        // PDF: page count.
        file("PDF of 5 000 empty pages", "a.pdf", () -> TestDocuments.pdf(null, pages(5_000, ""))),
        file("PDF of 2 000 pages", "a.pdf", () -> TestDocuments.pdf(null, pages(2_000, "word"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void isReadOrRefusedInBoundedCpuAndMemory(String name, String fileName, Supplier<byte[]> input)
      throws Exception {
    byte[] content = input.get();
    Measured m = measuredOnItsOwnThread(name, content, fileName);
    if (m.cpuNanos >= CPU_BUDGET_NANOS) {
      // Once more before failing: a first run may pay for code the JIT compiled late (its
      // compiler threads starved on a busy machine) on this thread's clock. Super-linear work is
      // over budget both times.
      Measured again = measuredOnItsOwnThread(name, content, fileName);
      REPORT.add(
          String.format("%-45s first run %d ms CPU, measured again", name, m.cpuNanos / 1_000_000));
      m = again.cpuNanos < m.cpuNanos ? again : m;
    }
    REPORT.add(
        String.format(
            "%-45s %8d bytes %6d ms CPU %6d MB allocated  %s",
            name, content.length, m.cpuNanos / 1_000_000, m.allocated / MB, m.outcome));
    assertThat(m.cpuNanos)
        .as("%s: CPU time in ns (%s)", name, m.outcome)
        .isLessThan(CPU_BUDGET_NANOS);
    assertThat(m.allocated)
        .as("%s: bytes allocated", name)
        .isLessThan(ALLOCATION_CONSTANT + BYTES_ALLOCATED_PER_INPUT_BYTE * content.length);
  }

  private record Measured(long cpuNanos, long allocated, String outcome) {}

  /** Reads {@code content} on a new thread, giving up after {@link #WALL_LIMIT_SECONDS}. */
  private static Measured measuredOnItsOwnThread(String name, byte[] content, String fileName)
      throws Exception {
    CompletableFuture<Measured> work = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                work.complete(measure(content, fileName));
              } catch (Throwable t) {
                work.completeExceptionally(t);
              }
            },
            "pathological-" + name);
    worker.setDaemon(true);
    worker.start();
    try {
      return work.get(WALL_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      long cpu = THREADS.getThreadCpuTime(worker.getId());
      worker.interrupt();
      return fail(
          "%s: still running after %d s (%d ms of CPU)", name, WALL_LIMIT_SECONDS, cpu / 1_000_000);
    }
  }

  private static Measured measure(byte[] content, String fileName) throws Exception {
    long id = Thread.currentThread().getId();
    long allocatedBefore = THREADS.getThreadAllocatedBytes(id);
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    String outcome = run(content, fileName);
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
    return new Measured(cpu, THREADS.getThreadAllocatedBytes(id) - allocatedBefore, outcome);
  }

  /** Extracts and chunks as an upload would, on this thread; a refusal is a fine outcome. */
  private static String run(byte[] content, String fileName) throws Exception {
    try {
      ExtractedDocument doc =
          EXTRACTOR.extractHere(content, fileName, null, System.nanoTime() + 3_600_000_000_000L);
      int chunks = CHUNKER.chunk(doc).size();
      return "read: " + doc.segments().size() + " segments, " + chunks + " chunks";
    } catch (ApiException e) {
      return "refused: " + e.status() + " " + e.getMessage();
    }
  }

  private static Arguments text(String name, Supplier<String> text) {
    return file(name, "a.txt", () -> utf8(text.get()));
  }

  private static Arguments md(String name, Supplier<String> text) {
    return file(name, "a.md", () -> utf8(text.get()));
  }

  private static Arguments html(String name, Supplier<String> body) {
    return file(
        name, "a.html", () -> utf8("<!DOCTYPE html><html><body>" + body.get() + "</body></html>"));
  }

  private static Arguments vtt(String name, Supplier<String> body) {
    return file(name, "a.vtt", () -> utf8("WEBVTT\n\n" + body.get()));
  }

  private static Arguments file(String name, String fileName, Supplier<byte[]> content) {
    return Arguments.of(name, fileName, content);
  }

  private static String cue(String text) {
    return "00:00.000 --> 00:01.000\n" + text + "\n";
  }

  private static String cues(int count, java.util.function.IntFunction<String> text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(time(i)).append(" --> ").append(time(i + 1)).append('\n');
      out.append(text.apply(i)).append("\n\n");
    }
    return out.toString();
  }

  private static String srt(int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(i + 1).append('\n');
      out.append(time(i).replace('.', ',')).append(" --> ").append(time(i + 1).replace('.', ','));
      out.append("\n<i>line ").append(i).append("</i>\n\n");
    }
    return out.toString();
  }

  private static String lines(int count, java.util.function.IntFunction<String> line) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(line.apply(i)).append('\n');
    }
    return out.toString().strip();
  }

  private static String time(int second) {
    return String.format("%02d:%02d:%02d.000", second / 3600, second / 60 % 60, second % 60);
  }

  private static List<String> pages(int count, String text) {
    return Collections.nCopies(count, text);
  }
}
