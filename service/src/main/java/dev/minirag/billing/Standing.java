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
    // Our own trial is honoured to its end whatever a subscription started meanwhile says.
    if (row.trialEndsAt() != null && now.isBefore(row.trialEndsAt())) {
      return new Standing(true, null, null);
    }
    if (status == BillingStatus.ACTIVE || (status == BillingStatus.TRIALING && row.stripeSubscriptionId() != null)) {
      return new Standing(true, null, null);
    }
    if (status == BillingStatus.TRIALING) {
      return new Standing(false, "trial_ended", null);
    }
    Instant since = row.lapsedSince() != null ? row.lapsedSince() : now;
    Instant graceEnds = since.plus(grace);
    return now.isBefore(graceEnds) ? new Standing(true, null, graceEnds) : new Standing(false, status.wire(), graceEnds);
  }
}
