package dev.minirag.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * manifest.json: what the archive holds and how to check it (docs/export-format.md).
 *
 * @param embedding the model and dimension of the vectors in chunks.jsonl, or null when it has none
 * @param skipped sources left out because they were not ready (still embedding, or failed), by
 *     status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    String format,
    int version,
    OffsetDateTime createdAt,
    String workspaceName,
    Embedding embedding,
    Map<String, Long> skipped,
    List<Entry> entries) {

  public record Embedding(String model, int dimension) {}

  /** One data entry: its line count, its uncompressed size and the SHA-256 (hex) of its bytes. */
  public record Entry(String name, long lines, long bytes, String sha256) {}

  public Entry entry(String name) {
    return entries == null
        ? null
        : entries.stream().filter(e -> name.equals(e.name())).findFirst().orElse(null);
  }
}
