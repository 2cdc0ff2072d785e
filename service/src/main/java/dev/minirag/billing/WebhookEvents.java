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
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe's webhooks: verified, stored once by event id, applied in the same transaction (with an
 * audit row). The event only says which subscription moved; its state is read again from Stripe
 * while this organization's other events wait, so a late, replayed or overlapping event applies
 * today's truth and can never move a subscription backwards.
 *
 * <p>An event is applied to an organization only when everything that names one agrees: the
 * organization id we put in metadata at checkout, the customer and the subscription already linked.
 * Anything else (a foreign customer, a second live subscription, an id another organization holds)
 * is stored as {@code ignored} with a warning and answered 200, so Stripe does not redeliver it.
 */
public class WebhookEvents {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookEvents.class);

  /** The metadata key (on the Checkout Session and the subscription) naming our organization. */
  public static final String ORGANIZATION_KEY = "organization_id";

  static final Set<String> HANDLED =
      Set.of(
          "checkout.session.completed",
          "customer.subscription.created",
          "customer.subscription.updated",
          "customer.subscription.deleted",
          "invoice.paid",
          "invoice.payment_failed");

  /**
   * @param outcome applied, unchanged, stale, ignored, or duplicate (stored before: nothing done)
   */
  public record Receipt(String eventId, String type, String outcome) {}

  /**
   * What an event points at; any part may be null.
   *
   * @param organizationHint only our own metadata: never client_reference_id, which a Payment Link
   *     or pricing table lets the buyer choose
   */
  record Target(String subscriptionId, String customerId, String organizationHint) {}

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

  public WebhookEvents(
      BillingDao dao,
      BillingService billing,
      BillingConfig config,
      StripeGateway stripe,
      String secret,
      LimitsAdmin plans,
      AuditLog audit,
      ObjectMapper json,
      BillingMetrics metrics,
      Clock clock) {
    this.dao = dao;
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
    // This read only finds whose event it is (its metadata); the state applied is read again under
    // the organization's lock. A failure is a 502, nothing is stored, and Stripe delivers again.
    Optional<Subscription> named =
        target.subscriptionId() == null
            ? Optional.empty()
            : stripe.subscription(target.subscriptionId());
    Receipt receipt;
    try {
      receipt = dao.inTransaction(tx -> apply(tx.getHandle(), event, handled, target, named));
    } catch (UnableToExecuteStatementException e) {
      if (!uniqueViolation(e)) {
        throw e;
      }
      // Two organizations claimed one customer or subscription at the same moment; the other won.
      LOG.warn(
          "Stripe event {} ({}) would link customer {} / subscription {}, which another organization holds; stored as ignored",
          event.getId(),
          event.getType(),
          target.customerId(),
          target.subscriptionId());
      receipt = dao.inTransaction(tx -> storeIgnored(tx.getHandle(), event));
    }
    metrics.event(receipt.outcome());
    return receipt;
  }

  private Event verify(String payload, String signature) {
    try {
      return Webhook.constructEvent(
          payload, signature, secret, config.getWebhookTolerance().toSeconds(), clock);
    } catch (SignatureVerificationException e) {
      // Stripe's reasons ("no signatures found matching…", "timestamp outside the tolerance zone")
      // name no secret.
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
      return new Target(
          id(o.get("subscription")),
          id(o.get("customer")),
          text(o.at("/metadata/" + ORGANIZATION_KEY)));
    }
    if (type.startsWith("customer.subscription.")) {
      return new Target(
          text(o.get("id")), id(o.get("customer")), text(o.at("/metadata/" + ORGANIZATION_KEY)));
    }
    // invoice.*: the subscription moved from the top level to parent.subscription_details in 2025.
    String sub = id(o.get("subscription"));
    if (sub == null) {
      sub = id(o.at("/parent/subscription_details/subscription"));
    }
    return new Target(
        sub,
        id(o.get("customer")),
        text(o.at("/parent/subscription_details/metadata/" + ORGANIZATION_KEY)));
  }

  private Receipt apply(
      Handle h, Event event, boolean handled, Target target, Optional<Subscription> named) {
    BillingDao tx = h.attach(BillingDao.class);
    boolean livemode = Boolean.TRUE.equals(event.getLivemode());
    if (tx.storeEvent(event.getId(), event.getType(), livemode, created(event)).isEmpty()) {
      return new Receipt(event.getId(), event.getType(), "duplicate");
    }
    UUID org = handled ? organization(tx, event, target, named).orElse(null) : null;
    if (org == null) {
      LOG.info(
          "Stripe event {} ({}) names no organization of ours; stored, not applied",
          event.getId(),
          event.getType());
      return new Receipt(event.getId(), event.getType(), "ignored");
    }
    // One event of an organization at a time, each reading Stripe after the one before it wrote:
    // a read that started earlier can no longer land later. (Held across the read, unlike a row
    // lock it also covers an organization whose billing row does not exist yet.)
    tx.serialize(org);
    Optional<Subscription> subscription =
        target.subscriptionId() == null
            ? Optional.empty()
            : stripe.subscription(target.subscriptionId());
    billing.ensure(h, org);
    BillingRow before = tx.lock(org).orElseThrow();
    String customer = subscription.map(Subscription::customerId).orElse(target.customerId());
    String outcome;
    if (customer != null
        && before.stripeCustomerId() != null
        && !customer.equals(before.stripeCustomerId())) {
      LOG.warn(
          "Stripe event {} ({}) is for customer {}, but organization {} is linked to customer {}; stored as ignored",
          event.getId(),
          event.getType(),
          customer,
          org,
          before.stripeCustomerId());
      outcome = "ignored";
    } else {
      if (customer != null && before.stripeCustomerId() == null) {
        tx.linkCustomer(org, customer);
      }
      outcome = subscription.map(s -> write(h, tx, before, s)).orElse("ignored");
    }
    tx.settleEvent(event.getId(), outcome, org);
    BillingRow after = tx.find(org).orElseThrow();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("event", event.getId());
    details.put("type", event.getType());
    details.put("outcome", outcome);
    details.put("statusBefore", before.status());
    details.put("status", after.status());
    details.put(
        "subscription", after.stripeSubscriptionId() == null ? "" : after.stripeSubscriptionId());
    if (target.subscriptionId() != null
        && !target.subscriptionId().equals(after.stripeSubscriptionId())) {
      details.put("eventSubscription", target.subscriptionId()); // the one not applied
    }
    details.put("livemode", livemode);
    audit.recordIn(h, null, AuditActions.BILLING_EVENT, null, org.toString(), details);
    return new Receipt(event.getId(), event.getType(), outcome);
  }

  private Receipt storeIgnored(Handle h, Event event) {
    BillingDao tx = h.attach(BillingDao.class);
    boolean stored =
        tx.storeEvent(
                event.getId(),
                event.getType(),
                Boolean.TRUE.equals(event.getLivemode()),
                created(event))
            .isPresent();
    return new Receipt(event.getId(), event.getType(), stored ? "ignored" : "duplicate");
  }

  private static Instant created(Event event) {
    return Instant.ofEpochSecond(event.getCreated() == null ? 0 : event.getCreated());
  }

  /**
   * The organization an event belongs to: the one that our metadata (on the subscription as Stripe
   * holds it, and on the event), the linked customer and the linked subscription all agree on.
   * Empty when nothing names one, or when they name different ones.
   */
  private Optional<UUID> organization(
      BillingDao tx, Event event, Target target, Optional<Subscription> named) {
    String customer = named.map(Subscription::customerId).orElse(target.customerId());
    Set<UUID> claims = new LinkedHashSet<>();
    named
        .map(Subscription::organizationId)
        .flatMap(WebhookEvents::parseUuid)
        .flatMap(tx::organization)
        .ifPresent(claims::add);
    parseUuid(target.organizationHint()).flatMap(tx::organization).ifPresent(claims::add);
    if (customer != null) {
      tx.byCustomer(customer).ifPresent(claims::add);
    }
    if (target.subscriptionId() != null) {
      tx.bySubscription(target.subscriptionId()).ifPresent(claims::add);
    }
    if (claims.size() > 1) {
      LOG.warn(
          "Stripe event {} ({}; customer {}, subscription {}) is claimed by organizations {}; stored as ignored",
          event.getId(),
          event.getType(),
          customer,
          target.subscriptionId(),
          claims);
      return Optional.empty();
    }
    return claims.stream().findFirst();
  }

  /**
   * Writes what Stripe says now. Called under the organization's lock, right after reading Stripe.
   */
  private String write(Handle h, BillingDao tx, BillingRow before, Subscription s) {
    Optional<BillingStatus> parsed = BillingStatus.parse(s.status());
    if (parsed.isEmpty()) {
      LOG.warn(
          "Subscription {} has status '{}', unknown to this version; left as it was",
          s.id(),
          s.status());
      return "ignored";
    }
    BillingStatus next = parsed.get();
    boolean otherSubscription =
        before.stripeSubscriptionId() != null && !before.stripeSubscriptionId().equals(s.id());
    if (otherSubscription && before.billingStatus().live()) {
      if (!next.live()) {
        return "stale"; // an old subscription ending does not undo the one that replaced it
      }
      // Both bill the customer; picking one silently would hide that. A person cancels or refunds
      // one.
      LOG.warn(
          "Organization {} already has live subscription {} ({}); a second live subscription {} ({}) was not applied: "
              + "cancel or refund one of them in Stripe",
          before.organizationId(),
          before.stripeSubscriptionId(),
          before.status(),
          s.id(),
          s.status());
      return "ignored";
    }
    Instant observedAt = clock.instant();
    Instant lapsedSince =
        next.inGoodStanding()
            ? null
            : before.lapsedSince() != null ? before.lapsedSince() : observedAt;
    tx.writeSubscription(
        before.organizationId(),
        s.customerId(),
        s.id(),
        next.wire(),
        s.currentPeriodEnd(),
        lapsedSince,
        !s.livemode(),
        observedAt);
    Optional<String> plan =
        s.priceId() == null ? Optional.empty() : config.planOfPrice(s.priceId());
    if (plan.isEmpty()) {
      LOG.warn(
          "Subscription {} is for price {}, which billing.plans does not sell; plan left as it was",
          s.id(),
          s.priceId());
    } else if (next.inGoodStanding()) {
      plans.assignPlan(h, before.organizationId(), plan.get(), false);
    }
    boolean changed =
        !next.wire().equals(before.status())
            || !s.id().equals(before.stripeSubscriptionId())
            || !Objects.equals(s.currentPeriodEnd(), before.currentPeriodEnd());
    return changed ? "applied" : "unchanged";
  }

  private static boolean uniqueViolation(UnableToExecuteStatementException e) {
    return e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
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
    return n == null || n.isMissingNode() || n.isNull() || !n.isTextual() || n.asText().isBlank()
        ? null
        : n.asText();
  }
}
