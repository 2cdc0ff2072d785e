package dev.minirag.app;

import dev.minirag.audit.AuditLog;
import dev.minirag.billing.AdminOrganizationsResource;
import dev.minirag.billing.BillingConfig;
import dev.minirag.billing.BillingDao;
import dev.minirag.billing.BillingMetrics;
import dev.minirag.billing.BillingResource;
import dev.minirag.billing.BillingService;
import dev.minirag.billing.StripeGateway;
import dev.minirag.billing.WebhookEvents;
import dev.minirag.quota.LimitsConfig;
import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing feature wired in order: Stripe client (only when a key is set), service, resources.
 */
record Billing(
    BillingService service, BillingResource resource, AdminOrganizationsResource adminResource) {
  private static final Logger LOG = LoggerFactory.getLogger(Billing.class);

  static Billing build(
      MiniRagConfiguration config,
      Environment env,
      Jdbi jdbi,
      Quotas quotas,
      AuditLog audit,
      CollectorRegistry prometheus) {
    BillingConfig billing = config.getBilling();
    LimitsConfig limits = config.getLimits();
    String apiKey = config.getSecurity().getStripeApiKey();
    boolean enabled = apiKey != null && !apiKey.isBlank();
    StripeGateway stripe = null;
    if (enabled) {
      List<String> problems = billing.problems(limits);
      if (!problems.isEmpty()) {
        throw new IllegalStateException(
            "Refusing to start: billing is on (STRIPE_API_KEY is set) but "
                + String.join("; ", problems));
      }
      stripe =
          new StripeGateway(
              apiKey,
              billing.getStripeApiBase(),
              Duration.ofMillis(billing.getStripeTimeout().toMilliseconds()));
      LOG.info(
          "Billing is on ({} mode), selling plans {}",
          testKey(apiKey) ? "test" : "live",
          billing.getPlans().keySet());
    } else {
      LOG.info(
          "Billing is off (STRIPE_API_KEY is not set): no trial, no 402, plans only from limits");
    }
    String console = config.getAuth().getPublicBaseUrl().replaceAll("/+$", "") + "/billing";
    BillingService.Urls urls =
        new BillingService.Urls(
            console,
            or(billing.getSuccessUrl(), console + "?checkout=success"),
            or(billing.getCancelUrl(), console + "?checkout=canceled"),
            or(billing.getPortalReturnUrl(), console));
    Clock clock = Clock.systemUTC();
    BillingMetrics metrics = new BillingMetrics(prometheus);
    BillingDao billingDao = jdbi.onDemand(BillingDao.class);
    BillingService service =
        new BillingService(
            billingDao,
            billing,
            stripe,
            enabled && testKey(apiKey),
            quotas.admin(),
            quotas.service(),
            audit,
            urls,
            metrics,
            clock);
    WebhookEvents webhooks =
        new WebhookEvents(
            billingDao,
            service,
            billing,
            stripe,
            config.getSecurity().getStripeWebhookSecret(),
            quotas.admin(),
            audit,
            env.getObjectMapper(),
            metrics,
            clock);
    return new Billing(
        service,
        new BillingResource(service, webhooks, billing.getMaxWebhookBody().toBytes()),
        new AdminOrganizationsResource(service));
  }

  /** Stripe's test-mode keys (secret or restricted); everything they touch is test data. */
  private static boolean testKey(String apiKey) {
    return apiKey.startsWith("sk_test_") || apiKey.startsWith("rk_test_");
  }

  private static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
