package dev.minirag.documents;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.common.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Reading and deleting sources of a workspace. */
public class SourceService {

  @Schema(name = "SourcePage")
  public record Page(List<SourceView> items, long total, int limit, int offset) {}

  private final SourceDao sources;
  private final ChunkDao chunks;
  private final ObjectMapper json;
  private final Consumer<UUID> afterDelete;

  public SourceService(
      SourceDao sources, ChunkDao chunks, ObjectMapper json, Consumer<UUID> afterDelete) {
    this.sources = sources;
    this.chunks = chunks;
    this.json = json;
    this.afterDelete = afterDelete;
  }

  /** Null {@code kind}, {@code status} or {@code query} filters nothing. */
  public Page list(
      UUID workspace, SourceKind kind, SourceStatus status, String query, int limit, int offset) {
    String q = query == null || query.isBlank() ? null : query.strip();
    if (q != null && q.indexOf('\u0000') >= 0) {
      // PostgreSQL text cannot hold NUL; refused here rather than failing in the query.
      throw ApiException.badRequest("q must not contain NUL characters");
    }
    List<SourceView> items =
        sources.list(workspace, kind, status, q, limit, offset).stream()
            .map(s -> SourceView.of(s, null))
            .toList();
    return new Page(items, sources.count(workspace, kind, status, q), limit, offset);
  }

  public SourceView get(UUID workspace, UUID id) {
    Source source =
        sources.find(workspace, id).orElseThrow(() -> ApiException.notFound("Source not found"));
    List<SourceView.ChunkView> views =
        chunks.list(workspace, id).stream()
            .map(
                c ->
                    new SourceView.ChunkView(
                        c.id(), c.ordinal(), c.text(), parse(c.metadata()), c.embedded()))
            .toList();
    return SourceView.of(source, views);
  }

  /** Sets a URL or YouTube source's own re-sync interval; null = the workspace default. */
  public SourceView setResyncInterval(UUID workspace, UUID id, ResyncInterval interval) {
    Source source =
        sources.find(workspace, id).orElseThrow(() -> ApiException.notFound("Source not found"));
    SourceResync.requireResyncable(source);
    sources.setResyncInterval(workspace, id, interval == null ? null : interval.wire());
    return get(workspace, id);
  }

  /** 404 for an unknown source, 409 for one that cannot be re-synced (text, files). */
  public void requireResyncable(UUID workspace, UUID id) {
    SourceResync.requireResyncable(
        sources.find(workspace, id).orElseThrow(() -> ApiException.notFound("Source not found")));
  }

  public ResyncInterval resyncDefault(UUID workspace) {
    return sources.resyncDefault(workspace).map(ResyncInterval::parse).orElse(ResyncInterval.OFF);
  }

  /**
   * Sources following the default count their next check from their last one under the new
   * interval.
   */
  public void setResyncDefault(UUID workspace, ResyncInterval interval) {
    sources.useTransaction(
        tx -> {
          tx.setResyncDefault(workspace, interval.wire());
          tx.rescheduleDefaults(workspace);
        });
  }

  public void delete(UUID workspace, UUID id) {
    if (sources.delete(workspace, id) == 0) {
      throw ApiException.notFound("Source not found");
    }
    afterDelete.accept(id);
  }

  /** Source ids given as filters must all exist in the workspace. */
  public void requireExisting(UUID workspace, List<UUID> ids) {
    if (ids == null || ids.isEmpty()) {
      return;
    }
    List<UUID> found = sources.existing(workspace, ids.toArray(UUID[]::new));
    List<UUID> missing = ids.stream().filter(id -> !found.contains(id)).toList();
    if (!missing.isEmpty()) {
      throw new ApiException(404, "Unknown source id(s)", java.util.Map.of("sourceIds", missing));
    }
  }

  private Object parse(String metadata) {
    try {
      return json.readTree(metadata);
    } catch (Exception e) {
      throw new IllegalStateException("stored chunk metadata is not JSON", e);
    }
  }
}
