package dev.minirag.client.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The workspace's limits and what it used of each. */
public record Usage(UUID workspaceId, String plan, boolean enforced, List<Limit> limits) {

  /**
   * One limit; {@code max} 0 means unlimited (then {@code remaining} is null); {@code resetsAt} is
   * null for stored limits.
   *
   * @param limit storedChunks, storedSources, uploadBytesPerDay, asksPerDay, searchesPerDay or
   *     requestsPerMinute
   */
  public record Limit(
      String limit,
      String period,
      long used,
      long max,
      Long remaining,
      boolean unlimited,
      boolean overridden,
      Instant resetsAt) {}

  /** The named limit, if the server reports it. */
  public java.util.Optional<Limit> limit(String name) {
    return limits.stream().filter(l -> l.limit().equals(name)).findFirst();
  }
}
