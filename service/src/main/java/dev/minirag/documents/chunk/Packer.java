package dev.minirag.documents.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs the pieces of one section into chunks of at most the target size (a lone piece may reach
 * the hard cap). Each new chunk repeats the end of the previous one: the last whole sentences that
 * fit in the overlap (whole cues for transcripts), falling back to the last whole words.
 */
final class Packer {

  /** A chunk's range and the pieces it covers, for cue times. */
  record Packed(
      int start, int end, Double startSeconds, Double endSeconds, List<ChunkDraft.CueMark> cues) {}

  private final String text;
  private final ChunkingConfig config;
  private final Splitter splitter;

  Packer(String text, ChunkingConfig config) {
    this.text = text;
    this.config = config;
    this.splitter = new Splitter(text, config);
  }

  List<Packed> pack(Section section) {
    List<Span> pieces = pieces(section);
    List<Packed> out = new ArrayList<>();
    if (pieces.isEmpty()) {
      return out;
    }
    int first = 0;
    int start = pieces.get(0).start();
    for (int i = 1; i < pieces.size(); i++) {
      Span piece = pieces.get(i);
      if (piece.end() - start <= config.targetChars()) {
        continue;
      }
      int end = pieces.get(i - 1).end();
      out.add(packed(pieces, first, i - 1, start, end));
      int overlap =
          section.timed() ? cueOverlap(pieces, first, i - 1, end) : textOverlap(start, end);
      start = overlap >= 0 && piece.end() - overlap <= config.maxChars() ? overlap : piece.start();
      first = i;
      while (first > 0 && pieces.get(first).start() > start) {
        first--;
      }
    }
    out.add(packed(pieces, first, pieces.size() - 1, start, pieces.get(pieces.size() - 1).end()));
    return out;
  }

  private List<Span> pieces(Section section) {
    if (!section.timed()) {
      return splitter.pieces(section.start(), section.end());
    }
    List<Span> pieces = new ArrayList<>();
    for (Span cue : section.cues()) {
      for (Span p : splitter.pieces(cue.start(), cue.end())) {
        pieces.add(new Span(p.start(), p.end(), cue.startSeconds(), cue.endSeconds()));
      }
    }
    return pieces;
  }

  private static Packed packed(List<Span> pieces, int first, int last, int start, int end) {
    Double startSeconds = pieces.get(first).startSeconds();
    Double endSeconds = null;
    for (int i = first; i <= last; i++) {
      Double e = pieces.get(i).endSeconds();
      if (e != null && (endSeconds == null || e > endSeconds)) {
        endSeconds = e;
      }
    }
    return new Packed(start, end, startSeconds, endSeconds, cues(pieces, first, last, start, end));
  }

  /** The timed pieces inside [start, end), relative to start; one mark per piece. */
  private static List<ChunkDraft.CueMark> cues(
      List<Span> pieces, int first, int last, int start, int end) {
    List<ChunkDraft.CueMark> marks = new ArrayList<>();
    for (int i = first; i <= last; i++) {
      Span p = pieces.get(i);
      if (p.startSeconds() == null || p.end() <= start || p.start() >= end) {
        continue;
      }
      marks.add(
          new ChunkDraft.CueMark(
              Math.max(p.start(), start) - start,
              Math.min(p.end(), end) - start,
              p.startSeconds(),
              p.endSeconds() == null ? p.startSeconds() : p.endSeconds()));
    }
    return marks;
  }

  /** Earliest sentence start (else word start) in the chunk's tail that fits the overlap. */
  private int textOverlap(int start, int end) {
    if (config.overlapChars() == 0) {
      return -1;
    }
    int from = Math.max(start + 1, end - config.overlapChars());
    // Sentence boundaries need context, so look at the whole chunk, not only its tail.
    for (int s : splitter.sentenceStarts(start, end)) {
      if (s >= from) {
        return s;
      }
    }
    for (int p = from; p < end; p++) {
      if (Character.isWhitespace(text.charAt(p - 1)) && !Character.isWhitespace(text.charAt(p))) {
        return p;
      }
    }
    return -1;
  }

  /** Earliest whole cue of the previous chunk (not its first) that fits the overlap. */
  private int cueOverlap(List<Span> pieces, int first, int last, int end) {
    int best = -1;
    for (int i = last; i > first && end - pieces.get(i).start() <= config.overlapChars(); i--) {
      best = pieces.get(i).start();
    }
    return best;
  }
}
