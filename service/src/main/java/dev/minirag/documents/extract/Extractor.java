package dev.minirag.documents.extract;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.exception.EncryptedDocumentException;

/**
 * Turns an uploaded file into text segments. The type is detected from the bytes; zip containers
 * are checked for bombs first; the work runs on its own thread under {@link
 * ExtractionLimits#parseTimeout()} and is interrupted when the time is up. Thread-safe; close it to
 * stop the parse threads.
 */
public final class Extractor implements AutoCloseable {

  private final ExtractionLimits limits;
  private final TypeSniffer sniffer = new TypeSniffer();
  private final ZipGuard zipGuard;
  private final TikaReader tika;
  private final HtmlReader html = new HtmlReader();
  private final MarkdownReader markdown = new MarkdownReader();
  private final TextDecoder decoder = new TextDecoder();
  private final ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());

  public Extractor(ExtractionLimits limits) {
    this.limits = limits;
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
    Future<ExtractedDocument> task =
        executor.submit(() -> extractNow(content, fileNameHint, declaredContentType));
    try {
      return task.get(limits.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw ExtractionException.unreadable(
          "The document took longer than "
              + limits.parseTimeout().toSeconds()
              + " s to read; it may be damaged or unusually complex.");
    } catch (ExecutionException e) {
      throw translate(e.getCause());
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new ExtractionException(503, "Extraction was interrupted.");
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private ExtractedDocument extractNow(byte[] content, String fileName, String declared)
      throws Exception {
    if (ZipGuard.isZip(content)) {
      zipGuard.check(content);
    }
    DocumentFormat format = sniffer.detect(content, fileName, declared);
    ExtractedDocument doc = read(content, format);
    if (doc.segments().isEmpty()) {
      throw ExtractionException.unreadable(emptyMessage(format));
    }
    if (doc.charCount() > limits.maxChars()) {
      throw ExtractionException.tooLarge(
          "The document's text is longer than the limit of " + limits.maxChars() + " characters.");
    }
    return doc;
  }

  private ExtractedDocument read(byte[] content, DocumentFormat format) throws Exception {
    if (format.viaTika()) {
      return tika.read(content, format, limits.maxChars());
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

  /** Maps a parse failure to a status; messages name the problem, never the parser's internals. */
  private static RuntimeException translate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ExtractionException e) {
        return e;
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
    if (failure instanceof CancellationException) {
      return ExtractionException.unreadable("Reading the document was cancelled.", failure);
    }
    return ExtractionException.unreadable(
        "The document could not be read; it may be damaged or not what its type says.", failure);
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

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "document-extract-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
