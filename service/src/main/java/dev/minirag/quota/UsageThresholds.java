package dev.minirag.quota;

import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators when a workspace's usage crosses 80 % and 100 % of a limit: one WARN line and one
 * audit row per crossing. Each counter moves by an atomic statement that knows the value before and
 * after, so exactly one request sees a given crossing, whichever node it ran on.
 */
class UsageThresholds {
  private static final Logger LOG = LoggerFactory.getLogger(UsageThresholds.class);
  private static final int[] PERCENTS = {80, 100};

  private final AuditLog audit;

  UsageThresholds(AuditLog audit) {
    this.audit = audit;
  }

  void moved(UUID workspace, LimitName limit, long before, long after, long max) {
    if (max <= 0 || after <= before) {
      return;
    }
    for (int percent : PERCENTS) {
      // Integer arithmetic: 80 % of 5 is crossed at 4, of 3 at 3 (2.4 rounds up).
      long mark = (max * percent + 99) / 100;
      if (before < mark && after >= mark) {
        LOG.warn(
            "Workspace {} reached {}% of its {} limit ({} of {})",
            workspace, percent, limit.wire(), after, max);
        audit.record(
            (UUID) null,
            null,
            AuditActions.QUOTA_THRESHOLD,
            workspace,
            limit.wire(),
            Map.of("percent", percent, "used", after, "max", max));
      }
    }
  }
}
