package dev.minirag.documents.chunk;

import java.util.List;

/**
 * A chunk before it is stored. {@code text} is exactly {@code Chunker.fullText(doc)
 * .substring(charStart, charEnd)}: verbatim, so a citation can quote it.
 *
 * @param ordinal 0-based position in the document
 * @param headingPath the headings of the section the chunk lies in, outermost first
 * @param page 1-based page (PDF) or slide (PPTX), null when the format has none
 * @param startSeconds start of the first cue in the chunk, null for documents
 * @param endSeconds end of the last cue in the chunk, null for documents
 * @param cues for transcripts, each cue's range inside {@code text} and its times, so a citation of
 *     one sentence can give that sentence's time rather than the whole chunk's; empty for documents
 */
public record ChunkDraft(
    int ordinal,
    String text,
    int charStart,
    int charEnd,
    List<String> headingPath,
    Integer page,
    Double startSeconds,
    Double endSeconds,
    List<CueMark> cues) {

  /** A cue's range in the chunk text (offsets relative to the chunk) and when it is shown. */
  public record CueMark(int start, int end, double startSeconds, double endSeconds) {}

  public ChunkDraft {
    headingPath = headingPath == null ? List.of() : List.copyOf(headingPath);
    cues = cues == null ? List.of() : List.copyOf(cues);
  }
}
