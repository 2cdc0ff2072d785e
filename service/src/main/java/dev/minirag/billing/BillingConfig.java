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
    @JsonProperty private String priceId;

    public String getPriceId() {
      return priceId;
    }

    public void setPriceId(String priceId) {
      this.priceId = priceId;
    }
  }

  /** BILLING_TRIAL_DAYS: how long a new organization may ingest before it subscribes. */
  @JsonProperty
  @Min(0)
  @Max(365)
  private int trialDays = 14;

  public int getTrialDays() {
    return trialDays;
  }

  /** BILLING_TRIAL_PLAN: the plan (of limits.plans) an organization gets while on trial. */
  @JsonProperty @NotBlank private String trialPlan = "team";

  public String getTrialPlan() {
    return trialPlan;
  }

  public void setTrialPlan(String trialPlan) {
    this.trialPlan = trialPlan;
  }

  /** BILLING_GRACE_PERIOD: how long ingestion keeps working after a payment lapses. */
  @JsonProperty @NotNull private Duration gracePeriod = Duration.days(3);

  public Duration getGracePeriod() {
    return gracePeriod;
  }

  /** BILLING_WEBHOOK_TOLERANCE: how old a signed webhook may be before it counts as a replay. */
  @JsonProperty @NotNull private Duration webhookTolerance = Duration.minutes(5);

  public Duration getWebhookTolerance() {
    return webhookTolerance;
  }

  public void setWebhookTolerance(Duration webhookTolerance) {
    this.webhookTolerance = webhookTolerance;
  }

  /**
   * BILLING_MAX_WEBHOOK_BODY: Stripe's events are a few KiB; anything far larger is refused unread.
   */
  @JsonProperty @NotNull private DataSize maxWebhookBody = DataSize.kibibytes(256);

  public DataSize getMaxWebhookBody() {
    return maxWebhookBody;
  }

  /**
   * BILLING_SUCCESS_URL / _CANCEL_URL / _PORTAL_RETURN_URL: empty means the console's Billing
   * screen.
   */
  @JsonProperty private String successUrl;

  public String getSuccessUrl() {
    return successUrl;
  }

  @JsonProperty private String cancelUrl;

  public String getCancelUrl() {
    return cancelUrl;
  }

  @JsonProperty private String portalReturnUrl;

  public String getPortalReturnUrl() {
    return portalReturnUrl;
  }

  /** STRIPE_API_BASE: Stripe's API; tests point it at a local server. */
  @JsonProperty @NotBlank private String stripeApiBase = "https://api.stripe.com";

  public String getStripeApiBase() {
    return stripeApiBase;
  }

  /** How long one call to Stripe may take before the request fails with 502. */
  @JsonProperty @NotNull private Duration stripeTimeout = Duration.seconds(20);

  public Duration getStripeTimeout() {
    return stripeTimeout;
  }

  /** Plans sold; team's price comes from BILLING_TEAM_PRICE_ID. Listing plans replaces these. */
  @JsonProperty @Valid @NotNull
  private Map<String, @Valid Plan> plans = new LinkedHashMap<>(Map.of("team", new Plan()));

  public Map<String, Plan> getPlans() {
    return plans;
  }

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
