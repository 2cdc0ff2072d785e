package dev.minirag.billing;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether an organization may ingest, and why not. Reading never depends on this.
 *
 * @param reason null when ingestion is allowed; else {@code trial_ended} or the lapsed status
 * @param graceEndsAt when a lapsed payment stops ingestion (null when not lapsed)
 */
public record Standing(boolean ingestAllowed, String reason, Instant graceEndsAt) {

  public static Standing of(BillingRow row, Instant now, Duration grace) {
    BillingStatus status = row.billingStatus();
    // Our own trial lasts until it ends or the organization subscribes; from then on Stripe's
    // status alone decides (a payment failing during the trial window counts at once). A checkout
    // whose first payment never completed (incomplete, incomplete_expired) is not subscribing.
    boolean subscribed = row.stripeSubscriptionId() != null && !status.neverPaid();
    boolean trialRunning =
        !subscribed && row.trialEndsAt() != null && now.isBefore(row.trialEndsAt());
    if (status.inGoodStanding()) {
      // TRIALING with a subscription is Stripe's trial, which Stripe ends by changing the status.
      boolean allowed =
          status == BillingStatus.ACTIVE || row.stripeSubscriptionId() != null || trialRunning;
      return new Standing(allowed, allowed ? null : "trial_ended", null);
    }
    Instant since = row.lapsedSince() != null ? row.lapsedSince() : now;
    Instant graceEnds = since.plus(grace);
    boolean allowed = trialRunning || now.isBefore(graceEnds);
    return new Standing(allowed, allowed ? null : status.wire(), graceEnds);
  }
}
