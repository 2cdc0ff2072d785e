package dev.minirag.quota;

import dev.minirag.access.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds usage reports: one workspace for its members, every workspace for system admins and
 * metrics.
 */
public class UsageReports {
  private static final int PAGE = 1000;

  private final QuotaService quota;
  private final QuotaDao dao;
  private final RateLimiter limiter;

  public UsageReports(QuotaService quota, QuotaDao dao, RateLimiter limiter) {
    this.quota = quota;
    this.dao = dao;
    this.limiter = limiter;
  }

  /** The caller's workspace, with what the caller's own bucket spent of the per-minute limit. */
  public Usage forCaller(Caller caller) {
    UUID workspace = caller.workspace();
    Limits limits = quota.limits(workspace);
    Map<LimitName, Long> used = quota.used(workspace);
    long perMinute = limits.max(LimitName.REQUESTS_PER_MINUTE);
    long spent =
        quota.enabled() && perMinute > 0
            ? perMinute - limiter.available(RateLimitFilter.bucketKey(caller), perMinute)
            : 0;
    used.put(LimitName.REQUESTS_PER_MINUTE, Math.max(0, spent));
    return reportOf(workspace, limits, used);
  }

  /** One workspace's stored and daily usage (the per-minute limit is per caller: reported as 0). */
  public Usage of(UUID workspace) {
    return reportOf(workspace, quota.limits(workspace), quota.used(workspace));
  }

  /** One page of every workspace's usage, for system admins. */
  public List<AdminUsageRow> all(int limit, int offset) {
    Map<UUID, List<QuotaDao.Override>> overrides = overridesByWorkspace();
    List<AdminUsageRow> out = new ArrayList<>();
    for (QuotaDao.WorkspaceUsageRow row : dao.allUsage(quota.today(), limit, offset)) {
      Limits limits =
          quota.compose(row.plan(), overrides.getOrDefault(row.workspaceId(), List.of()));
      out.add(
          new AdminUsageRow(
              row.workspaceName(),
              row.organizationId(),
              reportOf(row.workspaceId(), limits, used(row))));
    }
    return out;
  }

  public record AdminUsageRow(String workspaceName, UUID organizationId, Usage usage) {}

  /**
   * Counts of workspaces at or above 80 % and 100 % of each limit (per-minute limits are per
   * caller: not counted).
   */
  public QuotaMetrics.Levels levels() {
    Map<LimitName, long[]> counts = new EnumMap<>(LimitName.class);
    Map<UUID, List<QuotaDao.Override>> overrides = overridesByWorkspace();
    for (int offset = 0; ; offset += PAGE) {
      List<QuotaDao.WorkspaceUsageRow> rows = dao.allUsage(quota.today(), PAGE, offset);
      for (QuotaDao.WorkspaceUsageRow row : rows) {
        Limits limits =
            quota.compose(row.plan(), overrides.getOrDefault(row.workspaceId(), List.of()));
        used(row)
            .forEach(
                (name, value) -> {
                  long max = limits.max(name);
                  if (max > 0) {
                    long[] c = counts.computeIfAbsent(name, n -> new long[2]);
                    c[0] += value * 100 >= max * 80 ? 1 : 0;
                    c[1] += value >= max ? 1 : 0;
                  }
                });
      }
      if (rows.size() < PAGE) {
        return new QuotaMetrics.Levels(counts);
      }
    }
  }

  private Usage reportOf(UUID workspace, Limits limits, Map<LimitName, Long> used) {
    Instant nextDay = quota.nextDay();
    List<Usage.Item> items = new ArrayList<>();
    for (LimitName n : LimitName.values()) {
      Instant resets =
          switch (n.period()) {
            case STORED -> null;
            case DAY -> nextDay;
            case MINUTE -> null;
          };
      items.add(
          Usage.Item.of(
              n, used.getOrDefault(n, 0L), limits.max(n), limits.overridden().contains(n), resets));
    }
    return new Usage(workspace, limits.plan(), quota.enabled(), items);
  }

  private static Map<LimitName, Long> used(QuotaDao.WorkspaceUsageRow row) {
    return QuotaService.usedOf(
        new QuotaDao.Stored(row.sources(), row.chunks()),
        new QuotaDao.Daily(row.uploadBytes(), row.asks(), row.searches()));
  }

  private Map<UUID, List<QuotaDao.Override>> overridesByWorkspace() {
    Map<UUID, List<QuotaDao.Override>> out = new HashMap<>();
    for (QuotaDao.WorkspaceOverride o : dao.allOverrides()) {
      out.computeIfAbsent(o.workspaceId(), k -> new ArrayList<>())
          .add(new QuotaDao.Override(o.name(), o.maxValue()));
    }
    return out;
  }
}
