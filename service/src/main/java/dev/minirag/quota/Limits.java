package dev.minirag.quota;

import java.util.Map;
import java.util.Set;

/**
 * One workspace's effective maxima: its organization's plan over the configured defaults, under the
 * workspace's own overrides. {@code 0} means unlimited.
 *
 * @param overridden the names a system admin set for this workspace
 */
public record Limits(String plan, Map<LimitName, Long> max, Set<LimitName> overridden) {

  public Limits {
    max = Map.copyOf(max);
    overridden = Set.copyOf(overridden);
  }

  public long max(LimitName name) {
    return max.getOrDefault(name, 0L);
  }

  public boolean unlimited(LimitName name) {
    return max(name) == 0;
  }
}
