package dev.minirag.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.quota.LimitsConfig;
import dev.minirag.quota.PlanLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StandingTest {
  static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  static final Duration GRACE = Duration.ofDays(3);

  static BillingRow row(String status, String sub, Instant trialEnd, Instant lapsedSince) {
    return new BillingRow(
        UUID.randomUUID(), null, sub, status, trialEnd, null, lapsedSince, true, null);
  }

  @Test
  void ourTrialAllowsIngestUntilItEnds() {
    assertThat(
            Standing.of(row("trialing", null, NOW.plusSeconds(1), null), NOW, GRACE)
                .ingestAllowed())
        .isTrue();
    Standing ended = Standing.of(row("trialing", null, NOW, null), NOW, GRACE);
    assertThat(ended.ingestAllowed()).isFalse();
    assertThat(ended.reason()).isEqualTo("trial_ended");
  }

  @Test
  void stripesOwnTrialAndActiveAreGoodStanding() {
    assertThat(
            Standing.of(row("trialing", "sub_1", NOW.minusSeconds(60), null), NOW, GRACE)
                .ingestAllowed())
        .isTrue();
    Standing active = Standing.of(row("active", "sub_1", NOW.minusSeconds(60), null), NOW, GRACE);
    assertThat(active.ingestAllowed()).isTrue();
    assertThat(active.graceEndsAt()).isNull();
  }

  @Test
  void everyLapsedStatusStopsIngestWhenTheGracePeriodEnds() {
    for (String status :
        new String[] {
          "past_due", "unpaid", "canceled", "incomplete", "incomplete_expired", "paused"
        }) {
      Standing within =
          Standing.of(row(status, "sub_1", null, NOW.minus(GRACE).plusSeconds(1)), NOW, GRACE);
      assertThat(within.ingestAllowed()).as(status).isTrue();
      assertThat(within.graceEndsAt()).isEqualTo(NOW.plusSeconds(1));
      Standing past = Standing.of(row(status, "sub_1", null, NOW.minus(GRACE)), NOW, GRACE);
      assertThat(past.ingestAllowed()).as(status).isFalse();
      assertThat(past.reason()).isEqualTo(status);
    }
  }

  @Test
  void aSubscriptionEndsOurTrialSoItsLapseCountsAtOnce() {
    Standing s =
        Standing.of(
            row("past_due", "sub_1", NOW.plusSeconds(60), NOW.minus(Duration.ofDays(30))),
            NOW,
            GRACE);
    assertThat(s.ingestAllowed()).isFalse();
    assertThat(s.reason()).isEqualTo("past_due");
    assertThat(s.graceEndsAt()).isEqualTo(NOW.minus(Duration.ofDays(27)));
  }

  @Test
  void aCheckoutWhoseFirstPaymentNeverCompletedDoesNotEndOurTrial() {
    for (String status : new String[] {"incomplete", "incomplete_expired"}) {
      Standing during =
          Standing.of(
              row(status, "sub_1", NOW.plusSeconds(60), NOW.minus(Duration.ofDays(30))),
              NOW,
              GRACE);
      assertThat(during.ingestAllowed()).as(status).isTrue();
      assertThat(during.reason()).as(status).isNull();
      Standing after =
          Standing.of(row(status, "sub_1", NOW, NOW.minus(Duration.ofDays(30))), NOW, GRACE);
      assertThat(after.ingestAllowed()).as(status).isFalse();
    }
  }

  @Test
  void aWebhookToleranceUnderOneSecondIsAProblem() {
    LimitsConfig limits = new LimitsConfig();
    limits.getPlans().put("team", new PlanLimits());
    BillingConfig config = new BillingConfig();
    config.getPlans().put("team", new BillingConfig.Plan());
    config.getPlans().get("team").setPriceId("price_team");
    assertThat(config.problems(limits)).isEmpty();
    for (String tolerance : new String[] {"0s", "999ms"}) {
      config.setWebhookTolerance(io.dropwizard.util.Duration.parse(tolerance));
      assertThat(config.problems(limits))
          .as(tolerance)
          .singleElement()
          .asString()
          .startsWith("BILLING_WEBHOOK_TOLERANCE (billing.webhookTolerance)")
          .contains("at least 1 second");
    }
    config.setWebhookTolerance(io.dropwizard.util.Duration.seconds(1));
    assertThat(config.problems(limits)).isEmpty();
  }

  @Test
  void configProblemsNameTheirSetting() {
    LimitsConfig limits = new LimitsConfig();
    limits.getPlans().put("team", new PlanLimits());
    BillingConfig config = new BillingConfig();
    config.getPlans().clear();
    assertThat(config.problems(limits)).containsExactly("billing.plans lists no plan to sell");
    config.getPlans().put("team", new BillingConfig.Plan());
    config.getPlans().put("gold", new BillingConfig.Plan());
    config.getPlans().get("gold").setPriceId("price_gold");
    config.setTrialPlan("silver");
    assertThat(config.problems(limits))
        .containsExactlyInAnyOrder(
            "BILLING_TRIAL_PLAN (billing.trialPlan) names 'silver', which limits.plans does not define",
            "billing.plans.team.priceId is not set (a Stripe Price id, price_...)",
            "billing.plans.gold is not a plan of limits.plans (which holds its entitlements)");
    assertThat(config.planOfPrice("price_gold")).contains("gold");
    assertThat(config.planOfPrice("price_other")).isEmpty();
  }
}
