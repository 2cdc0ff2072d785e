package dev.minirag.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.JarNode;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Billing through the packaged jar, whose stripe-java keeps only the request-parameter builders we
 * use (see the shade filter in service/pom.xml): checkout, a signed webhook that makes us read the
 * subscription back, and the portal, against a local Stripe. BillingIT covers the cases; this shows
 * the trimmed library still does each call.
 */
class PackagedBillingIT {
  static final String SECRET = TestApp.randomSecret();
  static final String HOOK_SECRET = "whsec_jar" + UUID.randomUUID().toString().replace("-", "");
  static final String PRICE = "price_jar_team";

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @RegisterExtension static final LocalStripe STRIPE = new LocalStripe();
  @TempDir static Path work;

  @Test
  void checkoutWebhookAndPortalWorkThroughTheJar() throws Exception {
    try (JarNode node =
        JarNode.start(
            "billing",
            DB,
            SECRET,
            work,
            Map.of(
                "STRIPE_API_KEY",
                "sk_test_jar" + UUID.randomUUID().toString().replace("-", ""),
                "STRIPE_WEBHOOK_SECRET",
                HOOK_SECRET,
                "STRIPE_API_BASE",
                STRIPE.url(),
                "BILLING_TEAM_PRICE_ID",
                PRICE,
                "MINIRAG_PUBLIC_URL",
                "https://rag.example.test"))) {
      node.awaitHealthy(180);
      IdentityFixtures f = new IdentityFixtures(DB, SECRET);
      User owner = f.signIn("owner@jar-billing.test");
      UUID org = f.tenancy.get(owner.defaultWorkspaceId()).organizationId();
      Map<String, String> session = f.session(owner).headers();
      Api api = new Api(node.url(""));

      Api.Resp checkout =
          api.send("POST", "/api/v1/billing/checkout", session, Map.of("plan", "team"));
      assertThat(checkout.status()).as(checkout + node.log()).isEqualTo(200);
      assertThat(checkout.json().get("url").asText())
          .startsWith("https://checkout.stripe.test/c/pay/cs_test_");
      List<LocalStripe.Request> sent = STRIPE.requests("/v1/checkout/sessions");
      assertThat(sent).hasSize(1);
      assertThat(sent.get(0).form())
          .containsEntry("mode", "subscription")
          .containsEntry("line_items[0][price]", PRICE)
          .containsEntry("metadata[organization_id]", org.toString());

      String sub = "sub_jar" + UUID.randomUUID().toString().substring(0, 8);
      long periodEnd = Instant.now().getEpochSecond() + 30 * 86400;
      STRIPE.subscription(sub, "cus_" + sub, "active", PRICE, periodEnd, false, org.toString());
      String completed =
          StripeEvents.event(
              "checkout.session.completed",
              Instant.now().getEpochSecond(),
              StripeEvents.checkoutObject("cs_jar", "cus_" + sub, sub, org.toString()));
      Api.Resp hook =
          api.send(
              "POST",
              "/api/v1/billing/webhook",
              Map.of(
                  "Stripe-Signature",
                  StripeEvents.sign(completed, HOOK_SECRET),
                  "Content-Type",
                  "application/json"),
              completed);
      assertThat(hook.status()).as(hook + node.log()).isEqualTo(200);
      assertThat(hook.json().get("outcome").asText()).isEqualTo("applied");
      assertThat(STRIPE.requests("/v1/subscriptions/" + sub)).isNotEmpty();
      JsonNode billing = api.get("/api/v1/billing", session).json();
      assertThat(billing.get("status").asText()).isEqualTo("active");
      assertThat(billing.get("hasSubscription").asBoolean()).isTrue();

      Api.Resp portal = api.send("POST", "/api/v1/billing/portal", session, null);
      assertThat(portal.status()).as(portal + node.log()).isEqualTo(200);
      assertThat(portal.json().get("url").asText())
          .startsWith("https://billing.stripe.test/p/session/");
      assertThat(STRIPE.requests("/v1/billing_portal/sessions").get(0).form())
          .containsEntry("customer", "cus_" + sub)
          .containsEntry("return_url", "https://rag.example.test/billing");
      assertThat(node.log()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
    }
  }
}
