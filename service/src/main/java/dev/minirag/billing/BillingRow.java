package dev.minirag.billing;

import java.time.Instant;
import java.util.UUID;

/** An organization's row of organization_billing. */
public record BillingRow(
    UUID organizationId,
    String stripeCustomerId,
    String stripeSubscriptionId,
    String status,
    Instant trialEndsAt,
    Instant currentPeriodEnd,
    Instant lapsedSince,
    boolean testMode,
    Instant syncedAt) {

  public BillingStatus billingStatus() {
    // The column's CHECK admits only known names.
    return BillingStatus.parse(status).orElseThrow();
  }
}
