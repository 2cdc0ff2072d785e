package dev.minirag.documents.extract;

import dev.minirag.common.ConcurrencyLimit;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.exception.EncryptedDocumentException;
import org.xml.sax.SAXParseException;

/**
 * Turns an uploaded file into text segments. The type is detected from the bytes; zip containers
 * are checked for bombs first; the work runs on one of a fixed number of threads under {@link
 * ExtractionLimits#parseTimeout()} and is interrupted when the time is up. Every reader checks for
 * that interruption as it goes, so a timed-out parse stops instead of running on unseen; its thread
 * counts as busy until it has. When every thread is busy a new upload is refused with 503 and
 * {@code Retry-After} rather than queued. Thread-safe; close it to stop the parse threads.
 */
public final class Extractor implements AutoCloseable {

  /** How long an upload may wait for a parse thread before it is refused as busy. */
  static final Duration SLOT_WAIT = Duration.ofSeconds(1);

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final ExtractionLimits limits;
  private final TypeSniffer sniffer = new TypeSniffer();
  private final ZipGuard zipGuard;
  private final TikaReader tika;
  private final HtmlReader html = new HtmlReader();
  private final MarkdownReader markdown = new MarkdownReader();
  private final TextDecoder decoder = new TextDecoder();
  private final ConcurrencyLimit slots;
  private final ThreadPoolExecutor executor;

  /** One parse thread per core. */
  public Extractor(ExtractionLimits limits) {
    this(limits, Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param threads parses that may run at once; more are refused with 503
   */
  public Extractor(ExtractionLimits limits, int threads) {
    this.limits = limits;
    this.slots =
        new ConcurrencyLimit(
            threads,
            SLOT_WAIT,
            Duration.ofSeconds(5),
            "All document parsers are busy; try again in a few seconds.");
    // A slot is taken before a task is submitted and given back when the task ends, so the queue
    // holds at most one task per thread and never refuses one.
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(threads),
            daemonThreads(INSTANCES.incrementAndGet()));
    this.zipGuard = new ZipGuard(limits);
    this.tika = new TikaReader(limits);
    applyPoiZipLimits(limits);
  }

  /**
   * Extracts the text of {@code content}.
   *
   * @param fileNameHint the uploaded name; only tells Markdown or HTML apart from plain text
   * @param declaredContentType the client's Content-Type; used like the name, never trusted
   * @throws ExtractionException with status 413, 415 or 422 (see that class)
   * @throws dev.minirag.common.ApiException 503 with {@code Retry-After} when every parse thread is
   *     busy
   */
  public ExtractedDocument extract(
      byte[] content, String fileNameHint, String declaredContentType) {
    if (content == null || content.length == 0) {
      throw ExtractionException.unreadable("The file is empty.");
    }
    if (content.length > limits.maxBytes()) {
      throw ExtractionException.tooLarge(
          "The file is larger than the limit of " + limits.maxBytes() + " bytes.");
    }
    ConcurrencyLimit.Permit slot = slots.acquire();
    // Whoever claims the slot first owns giving it back: the task when it starts, or this thread
    // when the task is cancelled before it started (a cancelled queued task never runs).
    AtomicBoolean claimed = new AtomicBoolean();
    Future<ExtractedDocument> task;
    try {
      task =
          executor.submit(
              () -> runHolding(slot, claimed, content, fileNameHint, declaredContentType));
    } catch (RejectedExecutionException e) {
      slot.close();
      throw new ExtractionException(503, "The document parser is shutting down.", e);
    }
    try {
      return task.get(limits.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      cancel(task, slot, claimed);
      throw tookTooLong(limits.parseTimeout());
    } catch (ExecutionException e) {
      throw translate(e.getCause(), limits.parseTimeout());
    } catch (InterruptedException e) {
      cancel(task, slot, claimed);
      Thread.currentThread().interrupt();
      throw new ExtractionException(503, "Extraction was interrupted.");
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** Parse threads that are free right now (for tests and metrics). */
  int idleThreads() {
    return slots.available();
  }

  /** Interrupts a running parse (which then gives its slot back), or drops a queued one. */
  private void cancel(Future<?> task, ConcurrencyLimit.Permit slot, AtomicBoolean claimed) {
    task.cancel(true);
    if (claimed.compareAndSet(false, true)) {
      // Out of the queue too: a cancelled task left there would take the place of a live one.
      executor.remove((Runnable) task);
      slot.close();
    }
  }

  /** The slot is given back only when the parse has really ended, not when its caller gave up. */
  private ExtractedDocument runHolding(
      ConcurrencyLimit.Permit slot,
      AtomicBoolean claimed,
      byte[] content,
      String fileName,
      String declared)
      throws Exception {
    if (!claimed.compareAndSet(false, true)) {
      throw new CancellationException("cancelled before it started");
    }
    try {
      long deadline = System.nanoTime() + limits.parseTimeout().toNanos();
      return extractHere(content, fileName, declared, deadline);
    } finally {
      slot.close();
    }
  }

  /**
   * The whole extraction on the calling thread; {@code deadlineNanos} (a {@link System#nanoTime}
   * value) stops a Tika parse. The pathological-input test calls this to measure its CPU time.
   */
  ExtractedDocument extractHere(
      byte[] content, String fileName, String declared, long deadlineNanos) throws Exception {
    boolean guarded = ZipGuard.isZip(content);
    if (guarded) {
      zipGuard.check(content);
    }
    DocumentFormat format = sniffer.detect(content, fileName, declared);
    if (format.zipContainer() && !guarded) {
      // However the detector recognised the container, no zip reaches a parser unchecked.
      zipGuard.check(content);
    }
    ExtractedDocument doc = read(content, format, deadlineNanos);
    if (doc.segments().isEmpty()) {
      throw ExtractionException.unreadable(emptyMessage(format));
    }
    if (doc.charCount() > limits.maxChars()) {
      throw ExtractionException.tooLarge(
          "The document's text is longer than the limit of " + limits.maxChars() + " characters.");
    }
    return doc;
  }

  private ExtractedDocument read(byte[] content, DocumentFormat format, long deadlineNanos)
      throws Exception {
    if (format.viaTika()) {
      return tika.read(content, format, limits.maxChars(), deadlineNanos);
    }
    return switch (format) {
      case HTML -> html.read(content, limits.maxChars());
      case MARKDOWN -> markdown.read(decoder.decode(content), limits.maxChars());
      case VTT, SRT -> subtitles(decoder.decode(content), format);
      default -> plainText(decoder.decode(content));
    };
  }

  private static ExtractedDocument subtitles(String text, DocumentFormat format) {
    List<Segment> cues =
        SubtitleReader.read(text).stream()
            .map(c -> Segment.cue(c.text(), c.startSeconds(), c.endSeconds()))
            .toList();
    return new ExtractedDocument(null, format.mimeType(), cues);
  }

  private static ExtractedDocument plainText(String text) {
    String clean = TextCleaner.clean(text);
    List<Segment> segments = clean.isEmpty() ? List.of() : List.of(Segment.of(clean));
    return new ExtractedDocument(null, DocumentFormat.TEXT.mimeType(), segments);
  }

  private static String emptyMessage(DocumentFormat format) {
    return switch (format) {
      case PDF ->
          "The PDF has no extractable text; scanned pages need OCR, which is not supported.";
      case VTT, SRT -> "The subtitle file has no cues with text.";
      default -> "The document has no text.";
    };
  }

  /**
   * The answer to a parse stopped by the time budget, whichever side noticed first: the waiting
   * caller, or the parse itself passing its deadline (which ends it with a CancellationException).
   */
  static ExtractionException tookTooLong(Duration budget) {
    String limit =
        budget.toMillis() < 1000 || budget.toMillis() % 1000 != 0
            ? budget.toMillis() + " ms"
            : budget.toSeconds() + " s";
    return ExtractionException.unreadable(
        "The document took longer than "
            + limit
            + " to read; it may be damaged or unusually complex.");
  }

  /**
   * Maps a parse failure to a status; messages name the problem, never the parser's internals.
   * Package-private for tests.
   */
  static RuntimeException translate(Throwable failure, Duration parseTimeout) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ExtractionException e) {
        return e;
      }
      if (t instanceof CancellationException) {
        return tookTooLong(parseTimeout);
      }
      if (t instanceof SAXParseException && refusedXmlDeclarations(t.getMessage())) {
        return ExtractionException.unreadable(
            "The document's XML declares a DTD or entities, which are refused: they can expand"
                + " without bound (\"billion laughs\") or read other files.",
            t);
      }
      if (t instanceof EncryptedDocumentException
          || t instanceof org.apache.poi.EncryptedDocumentException
          || t instanceof InvalidPasswordException) {
        return ExtractionException.unreadable(
            "The document is password-protected; remove the password and upload it again.", t);
      }
      String message = t.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
        return new ExtractionException(
            413, "The document was refused as a possible zip bomb: it expands too much.", t);
      }
    }
    if (failure instanceof StackOverflowError) {
      return ExtractionException.unreadable("The document is nested too deeply to read.", failure);
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return ExtractionException.unreadable(
        "The document could not be read; it may be damaged or not what its type says.", failure);
  }

  /**
   * The XML parsers refuse a DOCTYPE (POI, for OOXML parts) or stop at the JDK's entity-expansion
   * limits (Tika's EPUB reader); either is how an entity bomb or an external entity shows up.
   */
  private static boolean refusedXmlDeclarations(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("doctype") || m.contains("entity expansion") || m.startsWith("jaxp0001");
  }

  /**
   * POI's own zip-bomb checks apply to every OOXML package it opens. They are JVM-wide statics, so
   * the last Extractor built sets them; ZipGuard has already checked the same limits per upload.
   */
  private static void applyPoiZipLimits(ExtractionLimits limits) {
    ZipSecureFile.setMinInflateRatio(1.0 / limits.maxCompressionRatio());
    ZipSecureFile.setMaxEntrySize(limits.maxUncompressedBytes());
    ZipSecureFile.setMaxFileCount(limits.maxZipEntries());
  }

  private static ThreadFactory daemonThreads(int instance) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "document-extract-" + instance + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
