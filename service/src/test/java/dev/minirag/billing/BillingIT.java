package dev.minirag.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.tenancy.WorkspaceRole;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Billing on, against a local Stripe: trial, checkout, portal, every webhook case, and the 402 on
 * ingest.
 */
class BillingIT {

  static final String SECRET = TestApp.randomSecret();
  static final String STRIPE_KEY = "sk_test_" + UUID.randomUUID().toString().replace("-", "");
  static final String HOOK_SECRET = "whsec_" + UUID.randomUUID().toString().replace("-", "");
  static final String PRICE = "price_team_" + UUID.randomUUID().toString().substring(0, 8);

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @RegisterExtension static final LocalStripe STRIPE = new LocalStripe();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "security.jwtSecret", SECRET,
              "security.stripeApiKey", STRIPE_KEY,
              "security.stripeWebhookSecret", HOOK_SECRET,
              "billing.stripeApiBase", STRIPE.url(),
              "billing.plans.team.priceId", PRICE,
              "billing.gracePeriod", "1h",
              "auth.publicBaseUrl", "https://rag.example.test"));

  static IdentityFixtures f;
  static Api api;

  /** A new organization: its owner (cookie), an API key with every scope, and their ids. */
  record Org(
      UUID organization,
      UUID workspace,
      User owner,
      Map<String, String> session,
      Map<String, String> key) {}

  @BeforeAll
  static void setUp() {
    f = new IdentityFixtures(DB, SECRET);
    f.signIn(
        "root@billing.test"); // the first user is system admin; tests use their own organizations
    api = new Api(APP.getLocalPort());
  }

  static Org org() {
    User owner = f.signIn("owner-" + UUID.randomUUID() + "@billing.test");
    UUID ws = owner.defaultWorkspaceId();
    UUID org = f.tenancy.get(ws).organizationId();
    String key = f.key(ws, "tests", List.of("read", "write", "admin"));
    return new Org(org, ws, owner, f.session(owner).headers(), Api.key(key));
  }

  static Api.Resp webhook(String payload) {
    return webhook(payload, StripeEvents.sign(payload, HOOK_SECRET));
  }

  static Api.Resp webhook(String payload, String signature) {
    return api.send(
        "POST",
        "/api/v1/billing/webhook",
        Map.of("Stripe-Signature", signature, "Content-Type", "application/json"),
        payload);
  }

  static String outcome(Api.Resp r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("outcome").asText();
  }

  static JsonNode billing(Org o) {
    Api.Resp r = api.get("/api/v1/billing", o.session());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  static long now() {
    return Instant.now().getEpochSecond();
  }

  /** One period end for every move, so "unchanged" depends on the status alone, not the clock. */
  static final long PERIOD_END = Instant.now().plus(30, ChronoUnit.DAYS).getEpochSecond();

  /** Stripe now says the organization's subscription is {@code status}; a webhook tells us. */
  static String moveTo(Org o, String sub, String status, String eventType) {
    STRIPE.subscription(
        sub, "cus_" + sub, status, PRICE, PERIOD_END, false, o.organization().toString());
    var object =
        eventType.startsWith("invoice.")
            ? StripeEvents.invoiceObject("in_" + UUID.randomUUID(), "cus_" + sub, sub)
            : StripeEvents.subscriptionObject(
                sub, "cus_" + sub, status, o.organization().toString());
    return outcome(webhook(StripeEvents.event(eventType, now(), object)));
  }

  /** A counter's value on /metrics (0 when absent). */
  static double metric(String series) {
    return api.get("/metrics", Map.of())
        .body()
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst()
        .orElse(0);
  }

  static Api.Resp addText(Org o, String title) {
    return api.send(
        "POST",
        "/api/v1/sources/text",
        o.key(),
        Map.of("title", title, "text", title + ": lighthouses guide ships at night."));
  }

  @Test
  void aNewOrganizationStartsItsTrialOnTheTrialPlan() {
    Org o = org();
    JsonNode b = billing(o);
    assertThat(b.get("enabled").asBoolean()).isTrue();
    assertThat(b.get("organizationId").asText()).isEqualTo(o.organization().toString());
    assertThat(b.get("status").asText()).isEqualTo("trialing");
    assertThat(b.get("plan").asText()).isEqualTo("team");
    assertThat(b.get("testMode").asBoolean()).isTrue();
    assertThat(b.get("canManage").asBoolean()).isTrue();
    assertThat(b.get("ingestAllowed").asBoolean()).isTrue();
    assertThat(b.get("hasSubscription").asBoolean()).isFalse();
    assertThat(b.at("/entitlements/storedChunks").asLong()).isEqualTo(1_000_000);
    assertThat(b.at("/plans/0/name").asText()).isEqualTo("team");
    Instant trialEnd = Instant.parse(b.get("trialEndsAt").asText());
    assertThat(trialEnd)
        .isBetween(
            Instant.now().plus(14, ChronoUnit.DAYS).minusSeconds(60),
            Instant.now().plus(14, ChronoUnit.DAYS));
    assertThat(
            f.count(
                "SELECT count(*) FROM organizations WHERE id = ? AND plan = 'team'",
                o.organization()))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'billing.trial_start' AND target = ?",
                o.organization().toString()))
        .isEqualTo(1);
    // Read again: the trial does not restart.
    assertThat(billing(o).get("trialEndsAt").asText()).isEqualTo(b.get("trialEndsAt").asText());
  }

  @Test
  void checkoutSendsThePriceTheOrganizationAndOneIdempotencyKeyPerAttempt() {
    Org o = org();
    Api.Resp first =
        api.send("POST", "/api/v1/billing/checkout", o.session(), Map.of("plan", "team"));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().get("url").asText())
        .startsWith("https://checkout.stripe.test/c/pay/cs_test_");
    // A double click gets the same session: same derived key, and Stripe answers a repeated key
    // with the first result.
    Api.Resp again =
        api.send("POST", "/api/v1/billing/checkout", o.session(), Map.of("plan", "team"));
    assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());

    List<LocalStripe.Request> sent =
        STRIPE.requests("/v1/checkout/sessions").stream()
            .filter(r -> o.organization().toString().equals(r.form().get("client_reference_id")))
            .toList();
    assertThat(sent).hasSize(2);
    LocalStripe.Request r = sent.get(0);
    assertThat(r.authorization()).isEqualTo("Bearer " + STRIPE_KEY);
    assertThat(r.idempotencyKey()).isNotBlank().isEqualTo(sent.get(1).idempotencyKey());
    assertThat(r.form())
        .containsEntry("mode", "subscription")
        .containsEntry("line_items[0][price]", PRICE)
        .containsEntry("line_items[0][quantity]", "1")
        .containsEntry("metadata[organization_id]", o.organization().toString())
        .containsEntry("metadata[plan]", "team")
        .containsEntry("subscription_data[metadata][organization_id]", o.organization().toString())
        .doesNotContainKey(
            "customer_email") // would differ per admin, and Stripe refuses a key reused with other
        // parameters
        .containsEntry("success_url", "https://rag.example.test/billing?checkout=success")
        .containsEntry("cancel_url", "https://rag.example.test/billing?checkout=canceled");
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'billing.checkout' AND target = ?",
                o.organization().toString()))
        .isEqualTo(2);

    // A key the client sends is scoped to its organization: another one sending it gets its own
    // session.
    Api.Resp own =
        api.send(
            "POST",
            "/api/v1/billing/checkout",
            Api.with(o.session(), "Idempotency-Key", "attempt-42"),
            Map.of("plan", "team"));
    assertThat(own.status()).as(own.toString()).isEqualTo(200);
    List<LocalStripe.Request> all = STRIPE.requests("/v1/checkout/sessions");
    assertThat(all.get(all.size() - 1).idempotencyKey())
        .isEqualTo("checkout:" + o.organization() + ":client:attempt-42");
    Org other = org();
    Api.Resp theirs =
        api.send(
            "POST",
            "/api/v1/billing/checkout",
            Api.with(other.session(), "Idempotency-Key", "attempt-42"),
            Map.of("plan", "team"));
    assertThat(theirs.json().get("id").asText()).isNotEqualTo(own.json().get("id").asText());
  }

  @Test
  void twoAdminsOfOneOrganizationGetOneCheckoutSession() {
    Org o = org();
    User admin =
        f.member(
            o.workspace(), "admin-" + UUID.randomUUID() + "@billing.test", WorkspaceRole.ADMIN);
    Api.Resp byOwner =
        api.send("POST", "/api/v1/billing/checkout", o.session(), Map.of("plan", "team"));
    Api.Resp byAdmin =
        api.send(
            "POST", "/api/v1/billing/checkout", f.session(admin).headers(), Map.of("plan", "team"));
    assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
    assertThat(byAdmin.json().get("id").asText()).isEqualTo(byOwner.json().get("id").asText());
    List<LocalStripe.Request> sent =
        STRIPE.requests("/v1/checkout/sessions").stream()
            .filter(
                r -> o.organization().toString().equals(r.form().get("metadata[organization_id]")))
            .toList();
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).idempotencyKey())
        .isEqualTo(sent.get(0).idempotencyKey())
        .doesNotContain(admin.id().toString());
    assertThat(sent.get(1).form())
        .isEqualTo(sent.get(0).form()); // Stripe refuses a reused key with other parameters
  }

  @Test
  void checkoutIsRefusedInTheErrorShape() {
    Org o = org();
    for (String plan : List.of("gold", "free")) {
      Api.Resp bad =
          api.send("POST", "/api/v1/billing/checkout", o.session(), Map.of("plan", plan));
      assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
      assertThat(bad.json().get("code").asInt()).isEqualTo(400);
      assertThat(bad.json().get("message").asText()).contains("Unknown plan").contains("team");
    }
    // An API key acts for a workspace, not a person: it cannot pay.
    assertThat(
            api.send("POST", "/api/v1/billing/checkout", o.key(), Map.of("plan", "team")).status())
        .isEqualTo(403);
    User editor =
        f.member(
            o.workspace(), "editor-" + UUID.randomUUID() + "@billing.test", WorkspaceRole.EDITOR);
    Api.Resp asEditor =
        api.send(
            "POST",
            "/api/v1/billing/checkout",
            f.session(editor).headers(),
            Map.of("plan", "team"));
    assertThat(asEditor.status()).isEqualTo(403);
    assertThat(asEditor.json().get("code").asInt()).isEqualTo(403);
    // An admin of the organization's first workspace manages billing; an owner of a later one does
    // not.
    User admin =
        f.member(
            o.workspace(), "admin-" + UUID.randomUUID() + "@billing.test", WorkspaceRole.ADMIN);
    assertThat(
            api.send(
                    "POST",
                    "/api/v1/billing/checkout",
                    f.session(admin).headers(),
                    Map.of("plan", "team"))
                .status())
        .isEqualTo(200);
    User other = f.signIn("later-" + UUID.randomUUID() + "@billing.test");
    UUID later = f.tenancy.create(other.id(), "Later workspace", o.organization()).id();
    Api.Resp laterOwner =
        api.send(
            "POST",
            "/api/v1/billing/checkout",
            Api.with(f.session(other).headers(), "X-Workspace-Id", later.toString()),
            Map.of("plan", "team"));
    assertThat(laterOwner.status()).as(laterOwner.toString()).isEqualTo(403);
    // Generic: the later owner may not be a member of the first workspace, so it is not named.
    assertThat(laterOwner.json().get("message").asText())
        .contains("owners and admins")
        .doesNotContain(f.tenancy.get(o.workspace()).name());
    assertThat(
            api.get(
                    "/api/v1/billing",
                    Api.with(f.session(other).headers(), "X-Workspace-Id", later.toString()))
                .json()
                .get("canManage")
                .asBoolean())
        .isFalse();
  }

  @Test
  void thePortalNeedsAStripeCustomerWhichCheckoutCompletedLinks() {
    Org o = org();
    Api.Resp none = api.send("POST", "/api/v1/billing/portal", o.session(), null);
    assertThat(none.status()).as(none.toString()).isEqualTo(409);
    String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    STRIPE.subscription(
        sub, "cus_" + sub, "active", PRICE, now() + 86400, false, o.organization().toString());
    String completed =
        StripeEvents.event(
            "checkout.session.completed",
            now(),
            StripeEvents.checkoutObject("cs_x", "cus_" + sub, sub, o.organization().toString()));
    assertThat(outcome(webhook(completed))).isEqualTo("applied");
    JsonNode b = billing(o);
    assertThat(b.get("status").asText()).isEqualTo("active");
    assertThat(b.get("hasSubscription").asBoolean()).isTrue();

    Api.Resp portal = api.send("POST", "/api/v1/billing/portal", o.session(), null);
    assertThat(portal.status()).as(portal.toString()).isEqualTo(200);
    assertThat(portal.json().get("url").asText())
        .startsWith("https://billing.stripe.test/p/session/");
    List<LocalStripe.Request> sent = STRIPE.requests("/v1/billing_portal/sessions");
    assertThat(sent.get(sent.size() - 1).form())
        .containsEntry("customer", "cus_" + sub)
        .containsEntry("return_url", "https://rag.example.test/billing");
    // Subscribed: a second checkout would double-charge, so it is refused.
    assertThat(
            api.send("POST", "/api/v1/billing/checkout", o.session(), Map.of("plan", "team"))
                .status())
        .isEqualTo(409);
  }

  @Test
  void signaturesThatDoNotVerifyAreRefusedAndNothingIsStored() {
    Org o = org();
    String payload =
        StripeEvents.event(
            "customer.subscription.updated",
            now(),
            StripeEvents.subscriptionObject(
                "sub_never", "cus_never", "active", o.organization().toString()));
    long before = f.count("SELECT count(*) FROM billing_events");
    Api.Resp tampered =
        webhook(
            payload.replace("\"active\"", "\"canceled\""), StripeEvents.sign(payload, HOOK_SECRET));
    Api.Resp wrongSecret = webhook(payload, StripeEvents.sign(payload, "whsec_someone_else"));
    Api.Resp stale = webhook(payload, StripeEvents.sign(payload, HOOK_SECRET, now() - 600));
    Api.Resp missing =
        api.send(
            "POST", "/api/v1/billing/webhook", Map.of("Content-Type", "application/json"), payload);
    Api.Resp garbage =
        webhook("not json at all", StripeEvents.sign("not json at all", HOOK_SECRET));
    for (Api.Resp r : List.of(tampered, wrongSecret, stale, missing, garbage)) {
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.json().get("code").asInt()).isEqualTo(400);
    }
    assertThat(stale.json().get("message").asText()).contains("tolerance");
    assertThat(tampered.json().get("message").asText()).contains("Stripe-Signature refused");
    assertThat(missing.json().get("message").asText()).contains("Missing Stripe-Signature");
    assertThat(f.count("SELECT count(*) FROM billing_events")).isEqualTo(before);
    assertThat(STRIPE.requests("/v1/subscriptions/sub_never")).isEmpty();
  }

  @Test
  void aWebhookBodyOverTheLimitIsRefusedUnread() {
    String big = "{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}";
    Api.Resp r = webhook(big);
    assertThat(r.status()).as(r.toString()).isEqualTo(413);
    assertThat(r.json().get("code").asInt()).isEqualTo(413);
  }

  @Test
  void aReplayedEventIsANoOpAndConcurrentDuplicatesApplyOnce() throws Exception {
    Org o = org();
    String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    STRIPE.subscription(
        sub, "cus_" + sub, "active", PRICE, now() + 86400, false, o.organization().toString());
    String payload =
        StripeEvents.event(
            "customer.subscription.created",
            now(),
            StripeEvents.subscriptionObject(
                sub, "cus_" + sub, "active", o.organization().toString()));
    String id =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).get("id").asText();
    assertThat(outcome(webhook(payload))).isEqualTo("applied");
    int reads = STRIPE.requests("/v1/subscriptions/" + sub).size();
    double duplicates = metric("minirag_billing_webhook_events_total{outcome=\"duplicate\",}");
    assertThat(outcome(webhook(payload))).isEqualTo("duplicate");
    assertThat(STRIPE.requests("/v1/subscriptions/" + sub))
        .hasSize(reads); // a replay does not even ask Stripe
    assertThat(metric("minirag_billing_webhook_events_total{outcome=\"duplicate\",}"))
        .isEqualTo(duplicates + 1);
    assertThat(f.count("SELECT count(*) FROM billing_events WHERE event_id = ?", id)).isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'billing.stripe_event' AND details->>'event' = ?",
                id))
        .isEqualTo(1);

    // Stripe may deliver one event twice at once: both answered 200, applied exactly once.
    String twice =
        StripeEvents.event(
            "customer.subscription.updated",
            now(),
            StripeEvents.subscriptionObject(
                sub, "cus_" + sub, "active", o.organization().toString()));
    String twiceId =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(twice).get("id").asText();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(() -> outcome(webhook(twice)));
      }
      List<String> outcomes = new ArrayList<>();
      for (Future<String> result : pool.invokeAll(calls)) {
        outcomes.add(result.get());
      }
      assertThat(outcomes.stream().filter(s -> !s.equals("duplicate"))).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'billing.stripe_event' AND details->>'event' = ?",
                twiceId))
        .isEqualTo(1);
  }

  @Test
  void everyStateTransitionAndTheGracePeriodCountedFromTheFirstLapse() {
    Org o = org();
    String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(moveTo(o, sub, "active", "customer.subscription.created")).isEqualTo("applied");
    assertThat(billing(o).get("status").asText()).isEqualTo("active");
    assertThat(billing(o).get("graceEndsAt").isNull()).isTrue();

    assertThat(moveTo(o, sub, "past_due", "invoice.payment_failed")).isEqualTo("applied");
    JsonNode pastDue = billing(o);
    assertThat(pastDue.get("status").asText()).isEqualTo("past_due");
    assertThat(pastDue.get("ingestAllowed").asBoolean()).isTrue(); // within the grace period
    String graceEnds = pastDue.get("graceEndsAt").asText();
    assertThat(Instant.parse(graceEnds))
        .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));

    assertThat(moveTo(o, sub, "unpaid", "customer.subscription.updated")).isEqualTo("applied");
    // Moving between lapsed states does not restart the grace period.
    assertThat(billing(o).get("graceEndsAt").asText()).isEqualTo(graceEnds);

    assertThat(moveTo(o, sub, "active", "invoice.paid")).isEqualTo("applied");
    assertThat(billing(o).get("graceEndsAt").isNull()).isTrue();
    assertThat(moveTo(o, sub, "active", "invoice.paid")).isEqualTo("unchanged");

    for (String status : List.of("incomplete", "paused", "canceled")) {
      assertThat(moveTo(o, sub, status, "customer.subscription.updated")).isEqualTo("applied");
      assertThat(billing(o).get("status").asText()).isEqualTo(status);
    }
    assertThat(moveTo(o, sub, "canceled", "customer.subscription.deleted")).isEqualTo("unchanged");
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'billing.stripe_event' AND target = ?",
                o.organization().toString()))
        .isEqualTo(9);
  }

  @Test
  void anOlderEventDeliveredLateCannotMoveTheSubscriptionBackwards() {
    Org o = org();
    String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    String org = o.organization().toString();
    String older =
        StripeEvents.event(
            "customer.subscription.updated",
            now() - 120,
            StripeEvents.subscriptionObject(sub, "cus_" + sub, "active", org));
    STRIPE.subscription(sub, "cus_" + sub, "canceled", PRICE, now(), false, org);
    String newer =
        StripeEvents.event(
            "customer.subscription.deleted",
            now(),
            StripeEvents.subscriptionObject(sub, "cus_" + sub, "canceled", org));
    assertThat(outcome(webhook(newer))).isEqualTo("applied");
    // The older event says "active", but Stripe says (and we keep) canceled.
    assertThat(outcome(webhook(older))).isEqualTo("unchanged");
    assertThat(billing(o).get("status").asText()).isEqualTo("canceled");

    // An old subscription ending late does not undo the one that replaced it.
    String replacement = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    STRIPE.subscription(replacement, "cus_" + sub, "active", PRICE, now() + 86400, false, org);
    assertThat(
            outcome(
                webhook(
                    StripeEvents.event(
                        "customer.subscription.created",
                        now(),
                        StripeEvents.subscriptionObject(
                            replacement, "cus_" + sub, "active", org)))))
        .isEqualTo("applied");
    assertThat(
            outcome(
                webhook(
                    StripeEvents.event(
                        "customer.subscription.deleted",
                        now(),
                        StripeEvents.subscriptionObject(sub, "cus_" + sub, "canceled", org)))))
        .isEqualTo("stale");
    JsonNode b = billing(o);
    assertThat(b.get("status").asText()).isEqualTo("active");
    assertThat(
            f.count(
                "SELECT count(*) FROM organization_billing WHERE organization_id = ? AND stripe_subscription_id = ?",
                o.organization(),
                replacement))
        .isEqualTo(1);
  }

  @Test
  void aReadOfStripeThatStartedEarlierCannotLandLater() throws Exception {
    Org o = org();
    String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    String org = o.organization().toString();
    assertThat(moveTo(o, sub, "active", "customer.subscription.created")).isEqualTo("applied");
    // Delivery 1 reads Stripe ("active") and is slow to hear back; meanwhile the subscription is
    // canceled and delivery 2 applies that. Delivery 1 must not then write what it read.
    LocalStripe.Hold slow = STRIPE.holdRead(sub, 1);
    String first =
        StripeEvents.event(
            "customer.subscription.updated",
            now(),
            StripeEvents.subscriptionObject(sub, "cus_" + sub, "active", org));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Api.Resp> late = pool.submit(() -> webhook(first));
      slow.awaitArrival();
      STRIPE.subscription(sub, "cus_" + sub, "canceled", PRICE, PERIOD_END, false, org);
      assertThat(
              outcome(
                  webhook(
                      StripeEvents.event(
                          "customer.subscription.deleted",
                          now(),
                          StripeEvents.subscriptionObject(sub, "cus_" + sub, "canceled", org)))))
          .isEqualTo("applied");
      slow.release();
      assertThat(outcome(late.get(30, java.util.concurrent.TimeUnit.SECONDS)))
          .isEqualTo("unchanged");
    } finally {
      slow.release();
      pool.shutdownNow();
    }
    assertThat(billing(o).get("status").asText()).isEqualTo("canceled");
  }

  @Test
  void aSecondLiveSubscriptionDoesNotReplaceTheFirst() {
    Org o = org();
    String first = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(moveTo(o, first, "active", "customer.subscription.created")).isEqualTo("applied");
    for (String status : List.of("active", "past_due")) {
      String second = "sub_" + UUID.randomUUID().toString().substring(0, 8);
      STRIPE.subscription(
          second, "cus_" + first, status, PRICE, PERIOD_END, false, o.organization().toString());
      String payload =
          StripeEvents.event(
              "customer.subscription.created",
              now(),
              StripeEvents.subscriptionObject(
                  second, "cus_" + first, status, o.organization().toString()));
      assertThat(outcome(webhook(payload))).as(status).isEqualTo("ignored");
      assertThat(
              f.count(
                  "SELECT count(*) FROM audit_events WHERE action = 'billing.stripe_event' AND target = ? "
                      + "AND details->>'outcome' = 'ignored' AND details->>'eventSubscription' = ?",
                  o.organization().toString(),
                  second))
          .isEqualTo(1);
    }
    assertThat(
            f.count(
                "SELECT count(*) FROM organization_billing WHERE organization_id = ? AND stripe_subscription_id = ? AND status = 'active'",
                o.organization(),
                first))
        .isEqualTo(1);
  }

  @Test
  void aClientReferenceIdAloneDoesNotNameAnOrganization() {
    // A Payment Link or pricing table lets the buyer set client_reference_id to anything.
    Org o = org();
    billing(o);
    String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    STRIPE.subscription(sub, "cus_" + sub, "active", PRICE, PERIOD_END, false, null);
    var session =
        StripeEvents.checkoutObject("cs_" + sub, "cus_" + sub, sub, o.organization().toString());
    session.remove("metadata");
    assertThat(outcome(webhook(StripeEvents.event("checkout.session.completed", now(), session))))
        .isEqualTo("ignored");
    assertThat(
            f.count(
                "SELECT count(*) FROM organization_billing WHERE organization_id = ? AND status = 'trialing' "
                    + "AND stripe_customer_id IS NULL AND stripe_subscription_id IS NULL",
                o.organization()))
        .isEqualTo(1);
  }

  @Test
  void anEventForAnotherCustomerThanTheLinkedOneIsIgnored() {
    Org o = org();
    String mine = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    moveTo(o, mine, "active", "customer.subscription.created");
    moveTo(o, mine, "canceled", "customer.subscription.deleted");
    // Our metadata names the organization, but the subscription belongs to someone else's customer.
    String foreign = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    STRIPE.subscription(
        foreign, "cus_" + foreign, "active", PRICE, PERIOD_END, false, o.organization().toString());
    assertThat(
            outcome(
                webhook(
                    StripeEvents.event(
                        "customer.subscription.created",
                        now(),
                        StripeEvents.subscriptionObject(
                            foreign, "cus_" + foreign, "active", o.organization().toString())))))
        .isEqualTo("ignored");
    assertThat(
            f.count(
                "SELECT count(*) FROM organization_billing WHERE organization_id = ? AND stripe_customer_id = ? "
                    + "AND stripe_subscription_id = ? AND status = 'canceled'",
                o.organization(),
                "cus_" + mine,
                mine))
        .isEqualTo(1);
  }

  @Test
  void anIdAnotherOrganizationHoldsIsIgnoredNeverA500() throws Exception {
    Org holder = org();
    Org claimant = org();
    String held = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    moveTo(
        holder, held, "active", "customer.subscription.created"); // holder is linked to cus_<held>
    // A subscription of holder's customer whose metadata names claimant.
    String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    STRIPE.subscription(
        sub, "cus_" + held, "active", PRICE, PERIOD_END, false, claimant.organization().toString());
    assertThat(
            outcome(
                webhook(
                    StripeEvents.event(
                        "customer.subscription.created",
                        now(),
                        StripeEvents.subscriptionObject(
                            sub, "cus_" + held, "active", claimant.organization().toString())))))
        .isEqualTo("ignored");
    assertThat(
            f.count(
                "SELECT count(*) FROM organization_billing WHERE stripe_customer_id = ?",
                "cus_" + held))
        .isEqualTo(1);

    // The same collision as a race: both organizations claim one new customer at the same moment.
    Org a = org();
    Org b = org();
    String customer = "cus_race_" + UUID.randomUUID().toString().substring(0, 8);
    String subA = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    String subB = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    STRIPE.subscription(
        subA, customer, "active", PRICE, PERIOD_END, false, a.organization().toString());
    STRIPE.subscription(
        subB, customer, "active", PRICE, PERIOD_END, false, b.organization().toString());
    LocalStripe.Hold slow =
        STRIPE.holdRead(subA, 2); // a's second read: after it found its organization
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Api.Resp> forA =
          pool.submit(
              () ->
                  webhook(
                      StripeEvents.event(
                          "customer.subscription.created",
                          now(),
                          StripeEvents.subscriptionObject(
                              subA, customer, "active", a.organization().toString()))));
      slow.awaitArrival();
      assertThat(
              outcome(
                  webhook(
                      StripeEvents.event(
                          "customer.subscription.created",
                          now(),
                          StripeEvents.subscriptionObject(
                              subB, customer, "active", b.organization().toString())))))
          .isEqualTo("applied");
      slow.release();
      assertThat(outcome(forA.get(30, java.util.concurrent.TimeUnit.SECONDS))).isEqualTo("ignored");
    } finally {
      slow.release();
      pool.shutdownNow();
    }
    assertThat(
            f.count(
                "SELECT count(*) FROM organization_billing WHERE stripe_customer_id = ?", customer))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM organization_billing WHERE organization_id = ? AND stripe_customer_id = ?",
                b.organization(),
                customer))
        .isEqualTo(1);
  }

  @Test
  void eventsForNobodyWeKnowOrOfOtherTypesAreStoredButNotApplied() {
    String unknown =
        StripeEvents.event(
            "customer.subscription.updated",
            now(),
            StripeEvents.subscriptionObject("sub_foreign", "cus_foreign", "active", null));
    STRIPE.subscription("sub_foreign", "cus_foreign", "active", PRICE, now(), false, null);
    assertThat(outcome(webhook(unknown))).isEqualTo("ignored");
    String other =
        StripeEvents.event(
            "customer.created",
            now(),
            StripeEvents.subscriptionObject("cus_x", "cus_x", "x", null));
    assertThat(outcome(webhook(other))).isEqualTo("ignored");
    assertThat(
            f.count(
                "SELECT count(*) FROM billing_events WHERE type = 'customer.created' AND outcome = 'ignored'"))
        .isEqualTo(1);
  }

  @Test
  void whenStripeCannotBeReadTheEventIsNotStoredAndItsRedeliveryApplies() {
    Org o = org();
    String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    STRIPE.subscription(
        sub, "cus_" + sub, "active", PRICE, now() + 86400, false, o.organization().toString());
    String payload =
        StripeEvents.event(
            "customer.subscription.created",
            now(),
            StripeEvents.subscriptionObject(
                sub, "cus_" + sub, "active", o.organization().toString()));
    STRIPE.failNext(2); // stripe-java retries once
    Api.Resp failed = webhook(payload);
    assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
    assertThat(failed.json().get("code").asInt()).isEqualTo(502);
    assertThat(
            f.count(
                "SELECT count(*) FROM billing_events WHERE type = 'customer.subscription.created' AND organization_id = ?",
                o.organization()))
        .isZero();
    assertThat(outcome(webhook(payload))).isEqualTo("applied");
  }

  @Test
  void ingestAnswers402OnEveryRouteWhenTheTrialEndedWhileReadsKeepWorking() {
    Org o = org();
    Api.Resp stored = addText(o, "Before the trial ended");
    assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
    String sourceId = stored.json().at("/items/0/sourceId").asText();
    f.exec(
        "UPDATE organization_billing SET trial_ends_at = now() - interval '1 minute' WHERE organization_id = ?",
        o.organization());
    double refusedBefore =
        metric("minirag_billing_payment_required_total{reason=\"trial_ended\",}");

    Map<String, Object> routes = new java.util.LinkedHashMap<>();
    routes.put("/api/v1/sources/text", Map.of("title", "t", "text", "some text"));
    routes.put("/api/v1/sources/urls", Map.of("urls", List.of("https://example.com/")));
    routes.put("/api/v1/sources/youtube", Map.of("url", "https://youtu.be/abcdefghijk"));
    routes.put("/api/v1/sources/files", new Api.FilePart("files", "a.txt", "file text"));
    routes.put("/api/v1/sources/" + sourceId + "/refresh", null);
    routes.put("/api/v1/sources/" + sourceId + "/resync", null);
    routes.put("/api/v1/sources/reindex", null);
    routes.put("/api/ingest_urls", Map.of("urls", List.of("https://example.com/")));
    routes.put("/api/ingest_files", new Api.FilePart("files", "a.txt", "file text"));
    for (var route : routes.entrySet()) {
      Api.Resp r = api.send("POST", route.getKey(), o.key(), route.getValue());
      assertThat(r.status()).as(route.getKey() + " " + r).isEqualTo(402);
      JsonNode body = r.json();
      assertThat(body.get("code").asInt()).isEqualTo(402);
      assertThat(body.get("message").asText())
          .contains("trial ended")
          .contains("https://rag.example.test/billing");
      assertThat(body.at("/details/reason").asText()).isEqualTo("trial_ended");
      assertThat(body.at("/details/billingUrl").asText())
          .isEqualTo("https://rag.example.test/billing");
      assertThat(body.get("requestId").textValue()).isNotBlank();
      assertThat(r.header("Link")).isEqualTo("<https://rag.example.test/billing>; rel=\"payment\"");
    }
    assertThat(f.count("SELECT count(*) FROM sources WHERE workspace_id = ?", o.workspace()))
        .isEqualTo(1);
    assertThat(metric("minirag_billing_payment_required_total{reason=\"trial_ended\",}"))
        .isEqualTo(refusedBefore + routes.size());

    // Reading, searching, asking and deleting keep working.
    assertThat(api.get("/api/v1/sources", o.key()).status()).isEqualTo(200);
    assertThat(api.get("/api/sources", o.key()).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/sources/" + sourceId, o.key()).status()).isEqualTo(200);
    assertThat(api.send("POST", "/api/v1/search", o.key(), Map.of("query", "lighthouses")).status())
        .isEqualTo(200);
    assertThat(
            api.send("POST", "/api/v1/ask", o.key(), Map.of("question", "What guides ships?"))
                .status())
        .isEqualTo(200);
    assertThat(api.get("/api/v1/billing", o.key()).json().get("reason").asText())
        .isEqualTo("trial_ended");
    assertThat(api.send("DELETE", "/api/v1/sources/" + sourceId, o.key(), null).status())
        .isEqualTo(204);

    // Paying brings ingestion back at once.
    assertThat(
            moveTo(
                o,
                "sub_" + UUID.randomUUID().toString().substring(0, 8),
                "active",
                "customer.subscription.created"))
        .isEqualTo("applied");
    assertThat(addText(o, "After paying").status()).isEqualTo(201);
  }

  @Test
  void aLapsedPaymentStopsIngestOnlyAfterTheGracePeriod() {
    Org o = org();
    billing(o); // starts the trial, which is then made to have ended
    f.exec(
        "UPDATE organization_billing SET trial_ends_at = now() - interval '1 minute' WHERE organization_id = ?",
        o.organization());
    String sub = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    moveTo(o, sub, "past_due", "invoice.payment_failed");
    assertThat(addText(o, "Within grace").status()).isEqualTo(201);
    f.exec(
        "UPDATE organization_billing SET lapsed_since = now() - interval '2 hours' WHERE organization_id = ?",
        o.organization());
    Api.Resp refused = addText(o, "Past grace");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(402);
    assertThat(refused.json().at("/details/reason").asText()).isEqualTo("past_due");
    assertThat(refused.json().get("message").asText()).contains("past due");
    moveTo(o, sub, "active", "invoice.paid");
    assertThat(addText(o, "Recovered").status()).isEqualTo(201);
  }

  @Test
  void systemAdminsSeeEveryOrganizationsPlanAndBillingState() {
    Org o = org();
    moveTo(
        o,
        "sub_" + UUID.randomUUID().toString().substring(0, 8),
        "past_due",
        "invoice.payment_failed");
    User root = f.users.findByEmail("root@billing.test").orElseThrow();
    Api.Resp page = api.get("/api/v1/admin/organizations?limit=500", f.session(root).headers());
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.json().get("billingEnabled").asBoolean()).isTrue();
    JsonNode mine = null;
    for (JsonNode item : page.json().get("items")) {
      if (item.get("id").asText().equals(o.organization().toString())) {
        mine = item;
      }
    }
    assertThat(mine).as(page.body()).isNotNull();
    assertThat(mine.get("plan").asText()).isEqualTo("team");
    assertThat(mine.at("/billing/status").asText()).isEqualTo("past_due");
    assertThat(mine.at("/billing/stripeCustomerId").asText()).startsWith("cus_");
    assertThat(mine.get("workspaces").asLong()).isEqualTo(1);
    assertThat(api.get("/api/v1/admin/organizations", o.session()).status()).isEqualTo(403);
  }
}
