package dev.minirag.ask;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where a statement of the answer comes from: the passage, the cited sentence's offsets inside the
 * chunk text (so a client can highlight it), and where that sentence sits in its source: the PDF
 * page, the subtitle cues it spans, or the heading it is under.
 *
 * @param fileName the name the file was uploaded under; null for URL, YouTube and text sources
 * @param section the nearest heading above the passage, when the document has headings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Citation(
    int n,
    UUID sourceId,
    UUID chunkId,
    String title,
    String uri,
    String fileName,
    Integer page,
    Double startSeconds,
    Double endSeconds,
    String section,
    String snippet,
    Integer snippetStart,
    Integer snippetEnd,
    double score) {

  static Citation of(Passage p, String snippet, Integer start, Integer end) {
    Map<String, Object> m = p.metadata();
    Double startS = number(m.get("startSeconds"));
    Double endS = number(m.get("endSeconds"));
    double[] cued = start == null ? null : cueSpan(m.get("cues"), start, end);
    if (cued != null) {
      startS = cued[0];
      endS = cued[1];
    }
    Double page = number(m.get("page"));
    return new Citation(
        p.n(),
        p.sourceId(),
        p.chunkId(),
        p.title(),
        p.uri(),
        p.fileName(),
        page == null ? null : page.intValue(),
        startS,
        endS,
        section(m.get("headingPath")),
        snippet,
        start,
        end,
        p.score());
  }

  /** The earliest start and latest end of the cues that overlap [start, end), or null. */
  static double[] cueSpan(Object cues, int start, int end) {
    if (!(cues instanceof List<?> rows)) {
      return null;
    }
    double[] span = null;
    for (Object row : rows) {
      if (!(row instanceof List<?> r) || r.size() < 4) {
        continue;
      }
      Double from = number(r.get(0));
      Double to = number(r.get(1));
      Double s = number(r.get(2));
      Double e = number(r.get(3));
      if (from == null || to == null || s == null || e == null || to <= start || from >= end) {
        continue;
      }
      span =
          span == null
              ? new double[] {s, e}
              : new double[] {Math.min(span[0], s), Math.max(span[1], e)};
    }
    return span;
  }

  private static String section(Object headingPath) {
    if (headingPath instanceof List<?> path && !path.isEmpty()) {
      return String.valueOf(path.get(path.size() - 1));
    }
    return null;
  }

  private static Double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : null;
  }
}
