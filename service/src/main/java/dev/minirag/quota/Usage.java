package dev.minirag.quota;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** What {@code GET /api/v1/usage} answers: each limit with its use in the workspace. */
public record Usage(UUID workspaceId, String plan, boolean enforced, List<Item> limits) {

  /**
   * One limit. {@code max} 0 means unlimited (then {@code remaining} is null); {@code resetsAt} is
   * null for stored limits, which free up only when something is deleted. For {@code
   * requestsPerMinute}, {@code used} is what the calling key or user spent of its own bucket.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(name = "UsageItem")
  public record Item(
      LimitName limit,
      String period,
      long used,
      long max,
      Long remaining,
      boolean unlimited,
      boolean overridden,
      Instant resetsAt) {

    static Item of(LimitName limit, long used, long max, boolean overridden, Instant resetsAt) {
      boolean unlimited = max == 0;
      return new Item(
          limit,
          limit.period().name().toLowerCase(Locale.ROOT),
          used,
          max,
          unlimited ? null : Math.max(0, max - used),
          unlimited,
          overridden,
          resetsAt);
    }
  }
}
