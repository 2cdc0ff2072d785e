package dev.minirag.documents.chunk;

import dev.minirag.documents.extract.Segment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A range of the full text that chunks must not cross: consecutive segments sharing a page and a
 * heading path, or a run of consecutive subtitle cues ({@code cues} non-empty). {@code
 * oneParagraph} marks a section with no blank line in it, such as a heading with nothing under it.
 */
record Section(
    int start,
    int end,
    Integer page,
    List<String> headingPath,
    List<Span> cues,
    boolean oneParagraph) {

  boolean timed() {
    return !cues.isEmpty();
  }

  /** Splits the document (laid out as in {@link Chunker#fullText}) into sections. */
  static List<Section> of(List<Segment> segments, int smallChars) {
    List<Section> sections = new ArrayList<>();
    // Cue lists of the section being extended, appended to in place: copying them on every merge
    // was quadratic in the number of cues of a long transcript.
    List<Span> openCues = null;
    int offset = 0;
    for (Segment s : segments) {
      int start = offset;
      int end = start + s.text().length();
      offset = end + Chunker.SEPARATOR.length();
      List<Span> cues =
          s.isTimed() ? List.of(new Span(start, end, s.startSeconds(), s.endSeconds())) : List.of();
      boolean oneParagraph = !s.text().contains(Chunker.SEPARATOR);
      Section next = new Section(start, end, s.page(), s.headingPath(), cues, oneParagraph);
      int last = sections.size() - 1;
      if (last >= 0 && sections.get(last).sameKey(next)) {
        Section previous = sections.get(last);
        if (openCues == null) {
          openCues = new ArrayList<>(previous.cues);
        }
        openCues.addAll(next.cues);
        Section merged =
            new Section(
                previous.start, next.end, previous.page, previous.headingPath, openCues, false);
        sections.set(last, merged);
      } else {
        sections.add(next);
        openCues = null;
      }
    }
    return foldHeadingOnlyParents(sections, smallChars);
  }

  private boolean sameKey(Section other) {
    return Objects.equals(page, other.page)
        && headingPath.equals(other.headingPath)
        && timed() == other.timed();
  }

  /**
   * A short one-paragraph section (in practice a bare heading) directly followed by its own first
   * subsection ("# Guide" then "## Install") is carried into that subsection, so no chunk holds
   * only a heading. The chunk keeps the deeper path.
   */
  private static List<Section> foldHeadingOnlyParents(List<Section> sections, int smallChars) {
    // Walks backwards and builds the result reversed: removing from the middle of the list, as
    // this once did, was quadratic in the number of headings.
    List<Section> reversed = new ArrayList<>(sections.size());
    for (int i = sections.size() - 1; i >= 0; i--) {
      Section parent = sections.get(i);
      Section child = reversed.isEmpty() ? null : reversed.get(reversed.size() - 1);
      if (child != null && folds(parent, child, smallChars)) {
        reversed.set(
            reversed.size() - 1,
            new Section(parent.start, child.end, child.page, child.headingPath, List.of(), false));
      } else {
        reversed.add(parent);
      }
    }
    Collections.reverse(reversed);
    return reversed;
  }

  private static boolean folds(Section parent, Section child, int smallChars) {
    boolean isChild =
        child.headingPath.size() > parent.headingPath.size()
            && child.headingPath.subList(0, parent.headingPath.size()).equals(parent.headingPath);
    return !parent.timed()
        && !child.timed()
        && parent.oneParagraph
        && parent.end - parent.start < smallChars
        && Objects.equals(parent.page, child.page)
        && isChild;
  }
}
