package dev.minirag.billing;

import dev.minirag.access.Caller;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.ApiException;
import dev.minirag.documents.IngestGate;
import dev.minirag.quota.LimitsAdmin;
import dev.minirag.quota.QuotaService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * An organization's billing: its trial, what Stripe says about its subscription, who may pay, and
 * whether it may ingest. With billing off (no STRIPE_API_KEY) nothing is stored and nothing
 * refused.
 */
public class BillingService implements IngestGate {

  /** Where checkout and the portal send people back to, and where a 402 points. */
  public record Urls(
      String billing, String checkoutSuccess, String checkoutCancel, String portalReturn) {}

  private final BillingDao dao;
  private final BillingConfig config;
  private final StripeGateway stripe;
  private final LimitsAdmin plans;
  private final QuotaService quota;
  private final AuditLog audit;
  private final Urls urls;
  private final boolean testKey;
  private final BillingMetrics metrics;
  private final Clock clock;

  /** {@code stripe} null means billing is off. */
  public BillingService(
      BillingDao dao,
      BillingConfig config,
      StripeGateway stripe,
      boolean testKey,
      LimitsAdmin plans,
      QuotaService quota,
      AuditLog audit,
      Urls urls,
      BillingMetrics metrics,
      Clock clock) {
    this.dao = dao;
    this.config = config;
    this.stripe = stripe;
    this.testKey = testKey;
    this.plans = plans;
    this.quota = quota;
    this.audit = audit;
    this.urls = urls;
    this.metrics = metrics;
    this.clock = clock;
  }

  public boolean enabled() {
    return stripe != null;
  }

  Duration grace() {
    return Duration.ofMillis(config.getGracePeriod().toMilliseconds());
  }

  /** 402 when the workspace's organization may not add sources now; billing off never refuses. */
  @Override
  public void admit(UUID workspace) {
    if (!enabled()) {
      return;
    }
    BillingRow row = ensure(organizationOf(workspace));
    Standing standing = Standing.of(row, clock.instant(), grace());
    if (!standing.ingestAllowed()) {
      metrics.refused(standing.reason());
      throw new PaymentRequiredException(standing, row, urls.billing());
    }
  }

  public BillingView view(Caller caller) {
    UUID workspace = caller.workspace();
    UUID org = organizationOf(workspace);
    List<BillingView.Offer> offers =
        plans.plans().stream()
            .filter(p -> config.getPlans().containsKey(p.name()))
            .map(p -> new BillingView.Offer(p.name(), p.limits()))
            .toList();
    if (!enabled()) {
      var limits = quota.limitsFor(workspace);
      return new BillingView(
          false,
          org,
          limits.plan(),
          null,
          null,
          null,
          null,
          true,
          null,
          false,
          false,
          false,
          limits.max(),
          List.of());
    }
    BillingRow row = ensure(org);
    // ensure() may just have put a new organization on its trial plan, or a webhook changed it.
    quota.forget(workspace);
    var limits = quota.limitsFor(workspace);
    Standing standing = Standing.of(row, clock.instant(), grace());
    return new BillingView(
        true,
        org,
        limits.plan(),
        row.billingStatus(),
        row.trialEndsAt(),
        row.currentPeriodEnd(),
        standing.graceEndsAt(),
        standing.ingestAllowed(),
        standing.reason(),
        testKey || row.testMode(),
        canManage(caller, org),
        row.stripeSubscriptionId() != null,
        limits.max(),
        offers);
  }

  /**
   * The system admin's list: every organization's plan and, once billing has seen it, its billing
   * state.
   */
  public AdminOrganizationsResource.Page organizations(int limit, int offset) {
    Instant now = clock.instant();
    List<AdminOrganizationsResource.Organization> items =
        dao.organizations(limit, offset).stream()
            .map(
                o -> {
                  AdminOrganizationsResource.Billing b = null;
                  if (o.status() != null) {
                    BillingRow row =
                        new BillingRow(
                            o.id(),
                            o.stripeCustomerId(),
                            o.stripeSubscriptionId(),
                            o.status(),
                            o.trialEndsAt(),
                            o.currentPeriodEnd(),
                            o.lapsedSince(),
                            Boolean.TRUE.equals(o.testMode()),
                            null);
                    Standing s =
                        enabled() ? Standing.of(row, now, grace()) : new Standing(true, null, null);
                    b =
                        new AdminOrganizationsResource.Billing(
                            row.billingStatus(),
                            o.stripeCustomerId(),
                            o.stripeSubscriptionId(),
                            o.trialEndsAt(),
                            o.currentPeriodEnd(),
                            s.graceEndsAt(),
                            s.ingestAllowed(),
                            s.reason(),
                            row.testMode());
                  }
                  String plan = o.plan() != null ? o.plan() : quota.limitsFor(null).plan();
                  return new AdminOrganizationsResource.Organization(
                      o.id(), o.name(), plan, o.createdAt(), o.workspaces(), b);
                })
            .toList();
    return new AdminOrganizationsResource.Page(
        enabled(), quota.limitsFor(null).plan(), items, limit, offset);
  }

  public StripeGateway.Created checkout(Caller caller, String plan, String idempotencyKey) {
    UUID org = requireManager(caller);
    BillingConfig.Plan offer = config.getPlans().get(plan);
    if (offer == null) {
      throw new ApiException(
          400,
          "Unknown plan; choose one of " + config.getPlans().keySet(),
          Map.of("plan", String.valueOf(plan)));
    }
    BillingRow row = ensure(org);
    if (row.stripeSubscriptionId() != null
        && row.billingStatus() != BillingStatus.CANCELED
        && row.billingStatus() != BillingStatus.INCOMPLETE_EXPIRED) {
      throw new ApiException(
          409,
          "The organization already has a subscription ("
              + row.status()
              + "); change or renew it in the customer portal");
    }
    // A client's key is scoped to the organization, so it can never fetch another one's session.
    String key =
        idempotencyKey != null
            ? "checkout:" + org + ":client:" + idempotencyKey
            : defaultKey(row, plan);
    // No customer_email: Stripe refuses a repeated key whose parameters differ, and the email would
    // differ between two admins sharing the organization's key. Checkout asks for it instead.
    StripeGateway.Created session =
        stripe.checkout(
            org,
            plan,
            offer.getPriceId(),
            row.stripeCustomerId(),
            urls.checkoutSuccess(),
            urls.checkoutCancel(),
            key);
    audit.record(
        caller,
        AuditActions.BILLING_CHECKOUT,
        caller.workspace(),
        org.toString(),
        Map.of("plan", plan, "session", session.id()));
    return session;
  }

  public StripeGateway.Created portal(Caller caller) {
    UUID org = requireManager(caller);
    BillingRow row = ensure(org);
    if (row.stripeCustomerId() == null) {
      throw new ApiException(
          409, "The organization has no Stripe customer yet; subscribe through checkout first");
    }
    StripeGateway.Created session = stripe.portal(row.stripeCustomerId(), urls.portalReturn());
    audit.record(
        caller,
        AuditActions.BILLING_PORTAL,
        caller.workspace(),
        org.toString(),
        Map.of("session", session.id()));
    return session;
  }

  /**
   * Same organization, plan and subscription state: the same key, whoever asks, so a double click,
   * a second tab or a second admin gets the session Stripe already made (open for 24 hours, as long
   * as Stripe keeps the key) instead of a second one that could be paid too. Once the subscription
   * changes (say it was canceled), a new attempt gets a new session.
   */
  private static String defaultKey(BillingRow row, String plan) {
    return "checkout:"
        + row.organizationId()
        + ":"
        + plan
        + ":"
        + row.status()
        + ":"
        + (row.stripeSubscriptionId() == null ? "none" : row.stripeSubscriptionId())
        + ":"
        + (row.stripeCustomerId() == null ? "none" : row.stripeCustomerId());
  }

  /**
   * Billing is managed by the owners and admins of the organization's first workspace
   * (docs/billing.md).
   */
  private UUID requireManager(Caller caller) {
    requireEnabled();
    UUID user = caller.requireUser();
    UUID org = organizationOf(caller.workspace());
    if (!canManage(caller, org)) {
      // Not the workspace's name: the caller may not be a member of it.
      throw new ApiException(
          403,
          "Billing is managed by the owners and admins of the organization's first workspace",
          Map.of("userId", user.toString()));
    }
    return org;
  }

  private boolean canManage(Caller caller, UUID org) {
    if (caller.isApiKey() || caller.userId() == null) {
      return false;
    }
    return dao.roleInFirstWorkspace(org, caller.userId())
        .filter(r -> r.equals("owner") || r.equals("admin"))
        .isPresent();
  }

  void requireEnabled() {
    if (!enabled()) {
      throw ApiException.notFound(
          "Billing is not enabled on this server (STRIPE_API_KEY is not set)");
    }
  }

  UUID organizationOf(UUID workspace) {
    return dao.organizationOf(workspace)
        .orElseThrow(() -> ApiException.notFound("Workspace not found"));
  }

  /**
   * The organization's row, starting its trial (and trial plan) the first time billing looks at it.
   */
  BillingRow ensure(UUID org) {
    Optional<BillingRow> row = dao.find(org);
    return row.isPresent() ? row.get() : dao.inTransaction(tx -> ensure(tx.getHandle(), org));
  }

  /** {@link #ensure(UUID)} inside the caller's transaction. */
  BillingRow ensure(Handle h, UUID org) {
    BillingDao tx = h.attach(BillingDao.class);
    Instant trialEnd = clock.instant().plus(Duration.ofDays(config.getTrialDays()));
    if (tx.startTrial(org, trialEnd, testKey).isPresent()) {
      // A plan a system admin chose before billing was switched on stays.
      plans.assignPlan(h, org, config.getTrialPlan(), true);
      audit.recordIn(
          h,
          null,
          AuditActions.BILLING_TRIAL_START,
          null,
          org.toString(),
          Map.of("plan", config.getTrialPlan(), "trialEndsAt", trialEnd.toString()));
    }
    return tx.find(org).orElseThrow(() -> ApiException.notFound("Organization not found"));
  }
}
