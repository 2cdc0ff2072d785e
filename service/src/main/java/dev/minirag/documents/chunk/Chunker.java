package dev.minirag.documents.chunk;

import dev.minirag.common.ApiException;
import dev.minirag.documents.extract.ExtractedDocument;
import dev.minirag.documents.extract.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an extracted document into chunks for indexing. Chunks never cross a page, a heading
 * section or the edge of a transcript; inside a section they are packed from paragraphs, then
 * sentences, then words, and overlap by whole sentences (whole cues for transcripts). Chunk text is
 * verbatim: headings are metadata, never prefixed. Thread-safe.
 */
public final class Chunker {

  /** What joins segments in {@link #fullText}; chunk offsets count it. */
  public static final String SEPARATOR = "\n\n";

  private final ChunkingConfig config;

  public Chunker(ChunkingConfig config) {
    this.config = config;
  }

  /**
   * The document's text as one string: the segments' texts in order joined by {@link #SEPARATOR}.
   * Chunk offsets index into this string.
   */
  public static String fullText(ExtractedDocument doc) {
    return String.join(SEPARATOR, doc.segments().stream().map(Segment::text).toList());
  }

  public List<ChunkDraft> chunk(ExtractedDocument doc) {
    return chunk(doc, Integer.MAX_VALUE);
  }

  /**
   * Chunks {@code doc}, giving up as soon as it would make more than {@code maxChunks} chunks, so a
   * document of many tiny pages or sections costs no more than the cap before it is refused.
   *
   * @throws ApiException 413 when the document makes more than {@code maxChunks} chunks
   */
  public List<ChunkDraft> chunk(ExtractedDocument doc, int maxChunks) {
    String text = fullText(doc);
    Packer packer = new Packer(text, config);
    int smallSection = Math.min(200, config.targetChars() / 4);
    List<ChunkDraft> chunks = new ArrayList<>();
    for (Section section : Section.of(doc.segments(), smallSection)) {
      for (Packer.Packed p : packer.pack(section)) {
        if (chunks.size() == maxChunks) {
          throw tooManyChunks(maxChunks);
        }
        chunks.add(
            new ChunkDraft(
                chunks.size(),
                text.substring(p.start(), p.end()),
                p.start(),
                p.end(),
                section.headingPath(),
                section.page(),
                p.startSeconds(),
                p.endSeconds(),
                p.cues()));
      }
    }
    return chunks;
  }

  private static ApiException tooManyChunks(int maxChunks) {
    return new ApiException(
        413,
        "The document would be cut into more than "
            + maxChunks
            + " chunks (the limit per source; every page, heading section and run of cues is"
            + " chunked apart); split it into smaller documents.");
  }
}
