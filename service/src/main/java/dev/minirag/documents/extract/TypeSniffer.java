package dev.minirag.documents.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

/**
 * Decides a document's format from its bytes. Tika's detector runs WITHOUT the file name, so a PDF
 * named {@code notes.txt} is still a PDF; the name and the declared type are only consulted to tell
 * Markdown or an HTML fragment from plain text, which bytes alone cannot do.
 */
final class TypeSniffer {

  private static final Map<String, DocumentFormat> BY_TYPE =
      Map.ofEntries(
          Map.entry("application/pdf", DocumentFormat.PDF),
          Map.entry(DocumentFormat.DOCX.mimeType(), DocumentFormat.DOCX),
          Map.entry(DocumentFormat.PPTX.mimeType(), DocumentFormat.PPTX),
          Map.entry(DocumentFormat.XLSX.mimeType(), DocumentFormat.XLSX),
          Map.entry("application/epub+zip", DocumentFormat.EPUB),
          Map.entry("text/html", DocumentFormat.HTML),
          Map.entry("application/xhtml+xml", DocumentFormat.HTML));

  private final Detector detector = new DefaultDetector();

  DocumentFormat detect(byte[] content, String fileNameHint, String declaredContentType) {
    MediaType type = tikaType(content);
    String base = type.getBaseType().toString();
    DocumentFormat known = BY_TYPE.get(base);
    if (known != null) {
      return known;
    }
    if (base.startsWith("application/x-tika-ooxml-protected")
        || base.equals("application/x-tika-msoffice-encrypted")) {
      throw ExtractionException.unreadable(
          "The document is password-protected; remove the password and upload it again.");
    }
    if (isText(type)) {
      return textFormat(content, fileNameHint, declaredContentType);
    }
    throw ExtractionException.unsupported(
        "Unsupported file type (" + base + "). Supported: " + DocumentFormat.SUPPORTED + ".");
  }

  private MediaType tikaType(byte[] content) {
    try (TikaInputStream in = TikaInputStream.get(content)) {
      return detector.detect(in, new Metadata());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tika reports subtitles, Markdown and source code as text/plain or a text subtype. */
  private static boolean isText(MediaType type) {
    String base = type.getBaseType().toString();
    return type.getType().equals("text") || base.equals("application/x-subrip");
  }

  private static DocumentFormat textFormat(byte[] content, String fileName, String declared) {
    String head = head(content);
    if (SubtitleReader.looksLikeVtt(head)) {
      return DocumentFormat.VTT;
    }
    if (SubtitleReader.looksLikeSrt(head)) {
      return DocumentFormat.SRT;
    }
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    String mime = declared == null ? "" : declared.toLowerCase(Locale.ROOT);
    if (name.endsWith(".md") || name.endsWith(".markdown") || mime.startsWith("text/markdown")) {
      return DocumentFormat.MARKDOWN;
    }
    boolean saysHtml =
        name.endsWith(".html") || name.endsWith(".htm") || mime.startsWith("text/html");
    if (saysHtml && head.contains("<")) {
      return DocumentFormat.HTML;
    }
    return DocumentFormat.TEXT;
  }

  /** The first few KB as text, enough for the subtitle sniffers; a cut character is harmless. */
  private static String head(byte[] content) {
    int n = Math.min(content.length, 4096);
    String text = new String(content, 0, n, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
