package dev.minirag.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.ApiException;
import dev.minirag.quota.LimitsAdmin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe's webhooks: verified, stored once by event id, applied in the same transaction (with an
 * audit row). The event only says which subscription moved; its state is read again from Stripe,
 * so a late or replayed event applies today's truth and can never move a subscription backwards.
 */
public class WebhookEvents {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookEvents.class);

  /** The metadata key (on the Checkout Session and the subscription) naming our organization. */
  public static final String ORGANIZATION_KEY = "organization_id";

  static final Set<String> HANDLED = Set.of(
      "checkout.session.completed",
      "customer.subscription.created",
      "customer.subscription.updated",
      "customer.subscription.deleted",
      "invoice.paid",
      "invoice.payment_failed");

  /** @param outcome applied, unchanged, stale, ignored, or duplicate (stored before: nothing done) */
  public record Receipt(String eventId, String type, String outcome) {}

  /** What an event points at; any part may be null. */
  record Target(String subscriptionId, String customerId, String organizationHint) {}

  private final Jdbi jdbi;
  private final BillingDao dao;
  private final BillingService billing;
  private final BillingConfig config;
  private final StripeGateway stripe;
  private final String secret;
  private final LimitsAdmin plans;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final BillingMetrics metrics;
  private final Clock clock;

  public WebhookEvents(Jdbi jdbi, BillingService billing, BillingConfig config, StripeGateway stripe, String secret,
      LimitsAdmin plans, AuditLog audit, ObjectMapper json, BillingMetrics metrics, Clock clock) {
    this.jdbi = jdbi;
    this.dao = jdbi.onDemand(BillingDao.class);
    this.billing = billing;
    this.config = config;
    this.stripe = stripe;
    this.secret = secret;
    this.plans = plans;
    this.audit = audit;
    this.json = json;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Receipt receive(byte[] body, String signature) {
    billing.requireEnabled();
    if (signature == null || signature.isBlank()) {
      throw ApiException.badRequest("Missing Stripe-Signature header");
    }
    String payload = new String(body, StandardCharsets.UTF_8);
    Event event = verify(payload, signature);
    JsonNode object = parse(payload).at("/data/object");
    if (dao.eventSeen(event.getId())) {
      metrics.event("duplicate");
      return new Receipt(event.getId(), event.getType(), "duplicate");
    }
    boolean handled = HANDLED.contains(event.getType());
    Target target = handled ? target(event.getType(), object) : new Target(null, null, null);
    // Read before the transaction: no row stays locked while Stripe answers. A failure here is a
    // 502, nothing is stored, and Stripe delivers the event again later.
    Optional<Subscription> subscription = target.subscriptionId() == null ? Optional.empty() : stripe.subscription(target.subscriptionId());
    Instant observedAt = clock.instant();
    Receipt receipt = jdbi.inTransaction(h -> apply(h, event, handled, target, subscription, observedAt));
    metrics.event(receipt.outcome());
    return receipt;
  }

  private Event verify(String payload, String signature) {
    try {
      return Webhook.constructEvent(payload, signature, secret, config.webhookTolerance.toSeconds(), clock);
    } catch (SignatureVerificationException e) {
      // Stripe's reasons ("no signatures found matching…", "timestamp outside the tolerance zone") name no secret.
      throw ApiException.badRequest("Stripe-Signature refused: " + e.getMessage());
    } catch (RuntimeException e) {
      throw ApiException.badRequest("Not a Stripe event: the signed body is not an event");
    }
  }

  private JsonNode parse(String payload) {
    try {
      return json.readTree(payload);
    } catch (IOException e) {
      throw ApiException.badRequest("Not a Stripe event: the signed body is not JSON");
    }
  }

  static Target target(String type, JsonNode o) {
    if (type.startsWith("checkout.session.")) {
      String hint = text(o.at("/metadata/" + ORGANIZATION_KEY));
      return new Target(id(o.get("subscription")), id(o.get("customer")), hint != null ? hint : text(o.get("client_reference_id")));
    }
    if (type.startsWith("customer.subscription.")) {
      return new Target(text(o.get("id")), id(o.get("customer")), text(o.at("/metadata/" + ORGANIZATION_KEY)));
    }
    // invoice.*: the subscription moved from the top level to parent.subscription_details in 2025.
    String sub = id(o.get("subscription"));
    if (sub == null) {
      sub = id(o.at("/parent/subscription_details/subscription"));
    }
    return new Target(sub, id(o.get("customer")), text(o.at("/parent/subscription_details/metadata/" + ORGANIZATION_KEY)));
  }

  private Receipt apply(Handle h, Event event, boolean handled, Target target, Optional<Subscription> subscription,
      Instant observedAt) {
    BillingDao tx = h.attach(BillingDao.class);
    boolean livemode = Boolean.TRUE.equals(event.getLivemode());
    Instant created = Instant.ofEpochSecond(event.getCreated() == null ? 0 : event.getCreated());
    if (tx.storeEvent(event.getId(), event.getType(), livemode, created).isEmpty()) {
      return new Receipt(event.getId(), event.getType(), "duplicate");
    }
    UUID org = handled ? organization(tx, target, subscription).orElse(null) : null;
    if (org == null) {
      LOG.info("Stripe event {} ({}) names no organization of ours; stored, not applied", event.getId(), event.getType());
      return new Receipt(event.getId(), event.getType(), "ignored");
    }
    billing.ensure(h, org);
    BillingRow before = tx.lock(org).orElseThrow();
    if (target.customerId() != null && before.stripeCustomerId() == null) {
      tx.linkCustomer(org, target.customerId());
    }
    String outcome = subscription.map(s -> write(h, tx, before, s, observedAt)).orElse("ignored");
    tx.settleEvent(event.getId(), outcome, org);
    BillingRow after = tx.find(org).orElseThrow();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("event", event.getId());
    details.put("type", event.getType());
    details.put("outcome", outcome);
    details.put("statusBefore", before.status());
    details.put("status", after.status());
    details.put("subscription", after.stripeSubscriptionId() == null ? "" : after.stripeSubscriptionId());
    details.put("livemode", livemode);
    audit.recordIn(h, null, AuditActions.BILLING_EVENT, null, org.toString(), details);
    return new Receipt(event.getId(), event.getType(), outcome);
  }

  /** The organization an event belongs to: our metadata first, then the customer or subscription we linked. */
  private Optional<UUID> organization(BillingDao tx, Target target, Optional<Subscription> subscription) {
    for (String hint : new String[] {subscription.map(Subscription::organizationId).orElse(null), target.organizationHint()}) {
      Optional<UUID> known = parseUuid(hint).flatMap(tx::organization);
      if (known.isPresent()) {
        return known;
      }
    }
    String customer = subscription.map(Subscription::customerId).orElse(target.customerId());
    Optional<UUID> byCustomer = customer == null ? Optional.empty() : tx.byCustomer(customer);
    if (byCustomer.isPresent() || target.subscriptionId() == null) {
      return byCustomer;
    }
    return tx.bySubscription(target.subscriptionId());
  }

  private String write(Handle h, BillingDao tx, BillingRow before, Subscription s, Instant observedAt) {
    Optional<BillingStatus> parsed = BillingStatus.parse(s.status());
    if (parsed.isEmpty()) {
      LOG.warn("Subscription {} has status '{}', unknown to this version; left as it was", s.id(), s.status());
      return "ignored";
    }
    BillingStatus next = parsed.get();
    if (before.syncedAt() != null && before.syncedAt().isAfter(observedAt)) {
      return "stale"; // a newer read of Stripe was written meanwhile
    }
    boolean otherSubscription = before.stripeSubscriptionId() != null && !before.stripeSubscriptionId().equals(s.id());
    if (otherSubscription && before.billingStatus().inGoodStanding() && !next.inGoodStanding()) {
      return "stale"; // an old subscription ending does not undo the one that replaced it
    }
    Instant lapsedSince = next.inGoodStanding() ? null : before.lapsedSince() != null ? before.lapsedSince() : observedAt;
    tx.writeSubscription(before.organizationId(), s.customerId(), s.id(), next.wire(), s.currentPeriodEnd(), lapsedSince,
        !s.livemode(), observedAt);
    Optional<String> plan = s.priceId() == null ? Optional.empty() : config.planOfPrice(s.priceId());
    if (plan.isEmpty()) {
      LOG.warn("Subscription {} is for price {}, which billing.plans does not sell; plan left as it was", s.id(), s.priceId());
    } else if (next.inGoodStanding()) {
      plans.assignPlan(h, before.organizationId(), plan.get(), false);
    }
    boolean changed = !next.wire().equals(before.status()) || !s.id().equals(before.stripeSubscriptionId())
        || !java.util.Objects.equals(s.currentPeriodEnd(), before.currentPeriodEnd());
    return changed ? "applied" : "unchanged";
  }

  private static Optional<UUID> parseUuid(String s) {
    try {
      return s == null ? Optional.empty() : Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** An id field that Stripe sends as a string, or as an object when expanded. */
  private static String id(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return null;
    }
    return n.isObject() ? text(n.get("id")) : text(n);
  }

  private static String text(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() || !n.isTextual() || n.asText().isBlank() ? null : n.asText();
  }
}
