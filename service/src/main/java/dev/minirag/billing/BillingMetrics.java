package dev.minirag.billing;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import java.util.List;

/**
 * {@code minirag_billing_webhook_events_total{outcome}} and {@code
 * minirag_billing_payment_required_total{reason}}. Labels are fixed sets (never an organization
 * id), so the series count does not grow with tenants.
 */
public class BillingMetrics {
  static final List<String> OUTCOMES =
      List.of("applied", "unchanged", "stale", "ignored", "duplicate");
  static final List<String> REASONS =
      List.of(
          "trial_ended",
          "past_due",
          "unpaid",
          "canceled",
          "incomplete",
          "incomplete_expired",
          "paused");

  private final Counter events =
      Counter.build()
          .name("minirag_billing_webhook_events_total")
          .help("Stripe webhook events received with a valid signature, by outcome")
          .labelNames("outcome")
          .create();

  private final Counter refusals =
      Counter.build()
          .name("minirag_billing_payment_required_total")
          .help("Ingest requests refused with 402, by reason")
          .labelNames("reason")
          .create();

  public BillingMetrics(CollectorRegistry registry) {
    OUTCOMES.forEach(events::labels); // every series exists from the start, at 0
    REASONS.forEach(refusals::labels);
    registry.register(events);
    registry.register(refusals);
  }

  void event(String outcome) {
    events.labels(outcome).inc();
  }

  void refused(String reason) {
    refusals.labels(reason).inc();
  }
}
