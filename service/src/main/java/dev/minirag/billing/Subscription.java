package dev.minirag.billing;

import java.time.Instant;

/**
 * What Stripe says about one subscription right now, read through its API.
 *
 * @param organizationId the organization id we put in its metadata at checkout (null if absent)
 * @param priceId the Price of its first item
 */
public record Subscription(
    String id,
    String customerId,
    String status,
    String priceId,
    Instant currentPeriodEnd,
    boolean livemode,
    String organizationId) {}
