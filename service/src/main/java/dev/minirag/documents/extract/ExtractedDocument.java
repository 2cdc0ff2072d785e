package dev.minirag.documents.extract;

import java.util.List;
import java.util.Objects;

/**
 * The text of a document in reading order.
 *
 * @param title from the document's metadata, else its first heading; null when it has neither
 * @param mimeType the type detected from the content, e.g. {@code application/pdf}, {@code
 *     text/vtt}
 * @param segments non-empty text runs in reading order
 */
public record ExtractedDocument(String title, String mimeType, List<Segment> segments) {

  public ExtractedDocument {
    Objects.requireNonNull(mimeType, "mimeType");
    segments = List.copyOf(segments);
  }

  public int charCount() {
    return segments.stream().mapToInt(s -> s.text().length()).sum();
  }
}
