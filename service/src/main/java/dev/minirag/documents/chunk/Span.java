package dev.minirag.documents.chunk;

/** A range of the full text, with the cue times it belongs to (null outside transcripts). */
record Span(int start, int end, Double startSeconds, Double endSeconds) {

  static Span text(int start, int end) {
    return new Span(start, end, null, null);
  }

  int length() {
    return end - start;
  }
}
