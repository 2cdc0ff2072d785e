package dev.minirag.documents.chunk;

import dev.minirag.documents.extract.Segment;
import java.util.ArrayList;
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
        sections.set(last, sections.get(last).extendedBy(next));
      } else {
        sections.add(next);
      }
    }
    return foldHeadingOnlyParents(sections, smallChars);
  }

  private boolean sameKey(Section other) {
    return Objects.equals(page, other.page)
        && headingPath.equals(other.headingPath)
        && timed() == other.timed();
  }

  private Section extendedBy(Section next) {
    List<Span> all = new ArrayList<>(cues);
    all.addAll(next.cues);
    return new Section(start, next.end, page, headingPath, all, false);
  }

  /**
   * A short one-paragraph section (in practice a bare heading) directly followed by its own first
   * subsection ("# Guide" then "## Install") is carried into that subsection, so no chunk holds
   * only a heading. The chunk keeps the deeper path.
   */
  private static List<Section> foldHeadingOnlyParents(List<Section> sections, int smallChars) {
    List<Section> out = new ArrayList<>(sections);
    for (int i = out.size() - 2; i >= 0; i--) {
      Section parent = out.get(i);
      Section child = out.get(i + 1);
      boolean isChild =
          child.headingPath.size() > parent.headingPath.size()
              && child.headingPath.subList(0, parent.headingPath.size()).equals(parent.headingPath);
      if (!parent.timed()
          && !child.timed()
          && parent.oneParagraph
          && parent.end - parent.start < smallChars
          && Objects.equals(parent.page, child.page)
          && isChild) {
        out.set(
            i + 1,
            new Section(parent.start, child.end, child.page, child.headingPath, List.of(), false));
        out.remove(i);
      }
    }
    return out;
  }
}
