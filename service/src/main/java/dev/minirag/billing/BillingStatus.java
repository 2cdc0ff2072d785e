package dev.minirag.billing;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.minirag.common.WireName;
import java.util.Locale;
import java.util.Optional;

/** A subscription's status, named as Stripe names it. */
public enum BillingStatus implements WireName {
  TRIALING,
  ACTIVE,
  PAST_DUE,
  CANCELED,
  UNPAID,
  INCOMPLETE,
  INCOMPLETE_EXPIRED,
  PAUSED;

  @Override
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Empty for a status this version does not know (Stripe adds some now and then). */
  public static Optional<BillingStatus> parse(String value) {
    return WireName.fromWire(BillingStatus.class, value);
  }

  /** Paid for (or in Stripe's own trial): the organization is in good standing. */
  public boolean inGoodStanding() {
    return this == ACTIVE || this == TRIALING;
  }

  /** Billing the customer, or about to (past_due: Stripe keeps retrying the card). */
  public boolean live() {
    return inGoodStanding() || this == PAST_DUE;
  }

  /** A subscription whose first payment never completed (abandoned 3-D Secure, declined card). */
  public boolean neverPaid() {
    return this == INCOMPLETE || this == INCOMPLETE_EXPIRED;
  }
}
