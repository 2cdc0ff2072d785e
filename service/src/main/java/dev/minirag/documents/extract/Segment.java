package dev.minirag.documents.extract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * A run of document text that shares one location: a PDF page, a PPTX slide, a section under a
 * heading, or a subtitle cue.
 *
 * @param text the text, trimmed, paragraphs separated by a blank line
 * @param page 1-based page (PDF) or slide (PPTX) number; null for formats without pages
 * @param startSeconds start of a subtitle cue; null for documents
 * @param endSeconds end of a subtitle cue; null for documents
 * @param headingPath the headings this text sits under, outermost first; empty when none
 */
public record Segment(
    String text, Integer page, Double startSeconds, Double endSeconds, List<String> headingPath) {

  public Segment {
    Objects.requireNonNull(text, "text");
    headingPath = headingPath == null ? List.of() : List.copyOf(headingPath);
  }

  public static Segment of(String text) {
    return new Segment(text, null, null, null, List.of());
  }

  public static Segment onPage(String text, int page) {
    return new Segment(text, page, null, null, List.of());
  }

  public static Segment under(String text, List<String> headingPath) {
    return new Segment(text, null, null, null, headingPath);
  }

  public static Segment cue(String text, double startSeconds, double endSeconds) {
    return new Segment(text, null, startSeconds, endSeconds, List.of());
  }

  @JsonIgnore
  public boolean isTimed() {
    return startSeconds != null;
  }
}
