package dev.minirag.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without STRIPE_API_KEY: billing says it is off, its Stripe routes are 404, and nothing is ever
 * 402.
 */
class BillingOffIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of("security.jwtSecret", SECRET, "limits.defaultPlan", "free"));

  @Test
  void billingOffAnswersEnabledFalse404sAndNever402() {
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    f.signIn("root@off.test");
    User owner = f.signIn("owner@off.test");
    Map<String, String> session = f.session(owner).headers();
    Api api = new Api(APP.getLocalPort());

    Api.Resp get = api.get("/api/v1/billing", session);
    assertThat(get.status()).as(get.toString()).isEqualTo(200);
    JsonNode b = get.json();
    assertThat(b.get("enabled").asBoolean()).isFalse();
    assertThat(b.get("plan").asText()).isEqualTo("free");
    assertThat(b.get("ingestAllowed").asBoolean()).isTrue();
    assertThat(b.at("/entitlements/storedSources").asLong()).isEqualTo(500);
    assertThat(b.get("status").isNull()).isTrue();

    String payload =
        StripeEvents.event(
            "invoice.paid",
            Instant.now().getEpochSecond(),
            StripeEvents.invoiceObject("in_1", "cus_1", "sub_1"));
    for (Api.Resp r :
        List.of(
            api.send("POST", "/api/v1/billing/checkout", session, Map.of("plan", "team")),
            api.send("POST", "/api/v1/billing/portal", session, null),
            api.send(
                "POST",
                "/api/v1/billing/webhook",
                Map.of("Stripe-Signature", StripeEvents.sign(payload, "whsec_x")),
                payload))) {
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.json().get("code").asInt()).isEqualTo(404);
      assertThat(r.json().get("message").asText()).contains("Billing is not enabled");
    }

    // Even an organization whose (old) billing row says its trial ended is never refused.
    UUID org = f.tenancy.get(owner.defaultWorkspaceId()).organizationId();
    f.exec(
        "INSERT INTO organization_billing (organization_id, status, trial_ends_at) VALUES (?, 'trialing', now() - interval '1 day')",
        org);
    Api.Resp added =
        api.send(
            "POST",
            "/api/v1/sources/text",
            session,
            Map.of("title", "Off", "text", "Billing is off here."));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(f.count("SELECT count(*) FROM organizations WHERE id = ? AND plan IS NULL", org))
        .isEqualTo(1);
  }
}
