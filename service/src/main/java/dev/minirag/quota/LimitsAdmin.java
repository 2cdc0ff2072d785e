package dev.minirag.quota;

import dev.minirag.common.ApiException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** What a system admin changes: a workspace's overrides, an organization's plan. */
public class LimitsAdmin {
  private final QuotaDao dao;
  private final QuotaService quota;
  private final LimitsConfig config;
  private final UsageReports reports;

  public LimitsAdmin(QuotaDao dao, QuotaService quota, LimitsConfig config, UsageReports reports) {
    this.dao = dao;
    this.quota = quota;
    this.config = config;
    this.reports = reports;
  }

  /** Sets (a number, 0 = unlimited) or clears (null) each named limit, all or none. */
  public void override(UUID workspace, Map<String, Long> changes, UUID by) {
    Map<LimitName, Optional<Long>> parsed = new EnumMap<>(LimitName.class);
    List<String> unknown = new ArrayList<>();
    changes.forEach(
        (name, value) -> {
          Optional<LimitName> n = LimitName.parse(name);
          if (n.isEmpty()) {
            unknown.add(name);
          } else if (value != null && value < 0) {
            throw new ApiException(422, "A limit is 0 (unlimited) or more", Map.of("limit", name));
          } else {
            parsed.put(n.get(), Optional.ofNullable(value));
          }
        });
    if (!unknown.isEmpty()) {
      throw new ApiException(
          422,
          "Unknown limit(s); use "
              + java.util.Arrays.stream(LimitName.values()).map(LimitName::wire).toList(),
          Map.of("limits", unknown));
    }
    if (!dao.applyOverrides(workspace, parsed, by)) {
      throw ApiException.notFound("Workspace not found");
    }
    quota.forget(workspace);
  }

  public void setPlan(UUID organization, String plan) {
    if (!config.knows(plan)) {
      throw new ApiException(
          422, "Unknown plan; use one of " + config.planNames(), Map.of("plan", plan));
    }
    if (dao.setPlan(organization, plan) == 0) {
      throw ApiException.notFound("Organization not found");
    }
  }

  /**
   * Billing's change of plan, inside the transaction that applies a Stripe event so both commit or
   * neither; {@code onlyIfUnset} keeps a plan a system admin chose. Other nodes see it within
   * limits.cacheMillis.
   */
  public void assignPlan(Handle h, UUID organization, String plan, boolean onlyIfUnset) {
    if (!config.knows(plan)) {
      throw new IllegalArgumentException("unknown plan " + plan);
    }
    QuotaDao tx = h.attach(QuotaDao.class);
    if (onlyIfUnset) {
      tx.setPlanIfUnset(organization, plan);
    } else {
      tx.setPlan(organization, plan);
    }
  }

  public List<AdminLimitsResource.Plan> plans() {
    return config.planNames().stream()
        .map(name -> new AdminLimitsResource.Plan(name, quota.compose(name, List.of()).max()))
        .toList();
  }

  /**
   * The workspace's usage as it is after a change made here (this node's cached limits dropped).
   */
  public Usage usageOf(UUID workspace) {
    quota.forget(workspace);
    return reports.of(workspace);
  }
}
