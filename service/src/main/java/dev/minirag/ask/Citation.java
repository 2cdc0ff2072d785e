package dev.minirag.ask;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * Where a statement of the answer comes from: the passage, its page or transcript time, and the
 * cited sentence's offsets inside the chunk text so a client can highlight it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Citation(
    int n,
    UUID sourceId,
    UUID chunkId,
    String title,
    String uri,
    Integer page,
    Double startSeconds,
    Double endSeconds,
    String snippet,
    Integer snippetStart,
    Integer snippetEnd,
    double score) {

  static Citation of(Passage p, String snippet, Integer start, Integer end) {
    Object page = p.metadata().get("page");
    Object startS = p.metadata().get("startSeconds");
    Object endS = p.metadata().get("endSeconds");
    return new Citation(p.n(), p.sourceId(), p.chunkId(), p.title(), p.uri(),
        page instanceof Number n ? n.intValue() : null,
        startS instanceof Number n ? n.doubleValue() : null,
        endS instanceof Number n ? n.doubleValue() : null,
        snippet, start, end, p.score());
  }
}
