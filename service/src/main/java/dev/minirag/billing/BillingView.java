package dev.minirag.billing;

import dev.minirag.quota.LimitName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * GET /api/v1/billing: the caller's organization. With billing off only {@code enabled}, {@code
 * plan}, {@code entitlements} and {@code ingestAllowed} (always true) carry meaning.
 *
 * @param reason why ingestion is refused ({@code trial_ended} or the lapsed status), else null
 * @param graceEndsAt when a lapsed payment stops ingestion
 * @param canManage whether this caller may open checkout and the portal
 * @param plans the plans offered at checkout, with their entitlements
 */
public record BillingView(
    boolean enabled,
    UUID organizationId,
    String plan,
    BillingStatus status,
    Instant trialEndsAt,
    Instant currentPeriodEnd,
    Instant graceEndsAt,
    boolean ingestAllowed,
    String reason,
    boolean testMode,
    boolean canManage,
    boolean hasSubscription,
    Map<LimitName, Long> entitlements,
    List<Offer> plans) {

  public record Offer(String name, Map<LimitName, Long> entitlements) {}
}
