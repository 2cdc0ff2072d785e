package dev.minirag.app;

import dev.minirag.audit.AuditLog;
import dev.minirag.quota.AdminLimitsResource;
import dev.minirag.quota.LimitsAdmin;
import dev.minirag.quota.LimitsConfig;
import dev.minirag.quota.QuotaDao;
import dev.minirag.quota.QuotaMetrics;
import dev.minirag.quota.QuotaService;
import dev.minirag.quota.RateLimitFilter;
import dev.minirag.quota.RateLimiter;
import dev.minirag.quota.UsageReports;
import dev.minirag.quota.UsageResource;
import dev.minirag.quota.UsageTallyDao;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.prometheus.client.CollectorRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/** The limits feature wired in order: DAO, services, filter and resources. */
record Quotas(
    QuotaService service,
    LimitsAdmin admin,
    RateLimitFilter rateLimitFilter,
    UsageResource usageResource,
    AdminLimitsResource adminResource) {

  /** Daily counters older than this are purged at start. */
  private static final int KEEP_DAYS = 90;

  static Quotas build(
      LimitsConfig config,
      Jdbi jdbi,
      AuditLog audit,
      CollectorRegistry prometheus,
      LifecycleEnvironment lifecycle) {
    config.validate();
    Clock clock = Clock.systemUTC();
    QuotaDao dao = jdbi.onDemand(QuotaDao.class);
    dao.purgeDaily(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(KEEP_DAYS));
    QuotaMetrics metrics = new QuotaMetrics(prometheus);
    QuotaService service =
        QuotaService.create(dao, jdbi.onDemand(UsageTallyDao.class), config, audit, metrics, clock);
    RateLimiter limiter = new RateLimiter(jdbi);
    lifecycle.manage(limiter);
    UsageReports reports = new UsageReports(service, dao, limiter);
    metrics.levelsFrom(reports::levels);
    LimitsAdmin admin = new LimitsAdmin(dao, service, config, reports);
    return new Quotas(
        service,
        admin,
        new RateLimitFilter(service, limiter, metrics, clock),
        new UsageResource(reports),
        new AdminLimitsResource(admin, reports, audit));
  }
}
