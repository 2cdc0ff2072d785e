package dev.minirag.billing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.minirag.quota.LimitsConfig;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Billing with Stripe. It is on exactly when STRIPE_API_KEY is set (security.stripeApiKey); the
 * plans sold map a Stripe Price onto a plan of {@code limits.plans}, which holds the entitlements.
 */
public class BillingConfig {

  /** One plan offered at checkout. */
  public static class Plan {
    /** The Stripe Price (price_...) a subscription to this plan is made of. */
    @JsonProperty public String priceId;
  }

  /** BILLING_TRIAL_DAYS: how long a new organization may ingest before it subscribes. */
  @JsonProperty
  @Min(0)
  @Max(365)
  public int trialDays = 14;

  /** BILLING_TRIAL_PLAN: the plan (of limits.plans) an organization gets while on trial. */
  @JsonProperty @NotBlank public String trialPlan = "team";

  /** BILLING_GRACE_PERIOD: how long ingestion keeps working after a payment lapses. */
  @JsonProperty @NotNull public Duration gracePeriod = Duration.days(3);

  /** BILLING_WEBHOOK_TOLERANCE: how old a signed webhook may be before it counts as a replay. */
  @JsonProperty @NotNull public Duration webhookTolerance = Duration.minutes(5);

  /**
   * BILLING_MAX_WEBHOOK_BODY: Stripe's events are a few KiB; anything far larger is refused unread.
   */
  @JsonProperty @NotNull public DataSize maxWebhookBody = DataSize.kibibytes(256);

  /**
   * BILLING_SUCCESS_URL / _CANCEL_URL / _PORTAL_RETURN_URL: empty means the console's Billing
   * screen.
   */
  @JsonProperty public String successUrl;

  @JsonProperty public String cancelUrl;

  @JsonProperty public String portalReturnUrl;

  /** STRIPE_API_BASE: Stripe's API; tests point it at a local server. */
  @JsonProperty @NotBlank public String stripeApiBase = "https://api.stripe.com";

  /** How long one call to Stripe may take before the request fails with 502. */
  @JsonProperty @NotNull public Duration stripeTimeout = Duration.seconds(20);

  /** Plans sold; team's price comes from BILLING_TEAM_PRICE_ID. Listing plans replaces these. */
  @JsonProperty @Valid @NotNull
  public Map<String, @Valid Plan> plans = new LinkedHashMap<>(Map.of("team", new Plan()));

  /** The problems that make billing unusable when it is on; each names its setting. */
  public List<String> problems(LimitsConfig limits) {
    List<String> problems = new ArrayList<>();
    if (!limits.knows(trialPlan)) {
      problems.add(
          "BILLING_TRIAL_PLAN (billing.trialPlan) names '"
              + trialPlan
              + "', which limits.plans does not define");
    }
    // stripe-java checks the signature's age only when the tolerance is positive: 0 would accept a
    // replay forever.
    if (webhookTolerance.toSeconds() < 1) {
      problems.add(
          "BILLING_WEBHOOK_TOLERANCE (billing.webhookTolerance) is "
              + webhookTolerance
              + "; it must be at least 1 second (Stripe suggests 5 minutes)");
    }
    if (plans.isEmpty()) {
      problems.add("billing.plans lists no plan to sell");
    }
    plans.forEach(
        (name, plan) -> {
          if (!limits.knows(name)) {
            problems.add(
                "billing.plans."
                    + name
                    + " is not a plan of limits.plans (which holds its entitlements)");
          }
          if (plan.priceId == null || plan.priceId.isBlank()) {
            problems.add(
                "billing.plans." + name + ".priceId is not set (a Stripe Price id, price_...)");
          }
        });
    return problems;
  }

  /** The plan a Stripe Price is sold as. */
  public Optional<String> planOfPrice(String priceId) {
    return plans.entrySet().stream()
        .filter(e -> priceId != null && priceId.equals(e.getValue().priceId))
        .map(Map.Entry::getKey)
        .findFirst();
  }
}
