package dev.minirag.billing;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import dev.minirag.common.ApiException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three Stripe calls billing makes. Its client is its own (API base and key per instance, not
 * Stripe's static settings), so tests can run several apps against several local Stripes at once.
 */
public class StripeGateway {
  private static final Logger LOG = LoggerFactory.getLogger(StripeGateway.class);

  public record Created(String id, String url) {}

  private final StripeClient client;

  public StripeGateway(String apiKey, String apiBase, java.time.Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    this.client =
        StripeClient.builder()
            .setApiKey(apiKey)
            .setApiBase(apiBase)
            .setConnectTimeout(millis)
            .setReadTimeout(millis)
            // POSTs carry our idempotency key, so Stripe's own retry cannot double anything.
            .setMaxNetworkRetries(1)
            .build();
  }

  /** A hosted Checkout page that subscribes the organization to {@code priceId}. */
  public Created checkout(
      UUID organization,
      String plan,
      String priceId,
      String customerId,
      String successUrl,
      String cancelUrl,
      String idempotencyKey) {
    SessionCreateParams.Builder params =
        SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
            .addLineItem(
                SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(1L).build())
            .setSuccessUrl(successUrl)
            .setCancelUrl(cancelUrl)
            // For reading in Stripe's dashboard only: a buyer can set it too, so webhooks never
            // trust it.
            .setClientReferenceId(organization.toString())
            .putMetadata(WebhookEvents.ORGANIZATION_KEY, organization.toString())
            .putMetadata("plan", plan)
            // On the subscription too: its own events then name the organization without a lookup.
            .setSubscriptionData(
                SessionCreateParams.SubscriptionData.builder()
                    .putMetadata(WebhookEvents.ORGANIZATION_KEY, organization.toString())
                    .putMetadata("plan", plan)
                    .build());
    if (customerId != null) {
      params.setCustomer(customerId);
    }
    try {
      var session =
          client
              .v1()
              .checkout()
              .sessions()
              .create(
                  params.build(),
                  RequestOptions.builder().setIdempotencyKey(idempotencyKey).build());
      return new Created(session.getId(), session.getUrl());
    } catch (StripeException e) {
      throw upstream("create a Checkout Session", e);
    }
  }

  /** A Customer Portal session where the customer changes card, plan or cancels. */
  public Created portal(String customerId, String returnUrl) {
    var params =
        com.stripe.param.billingportal.SessionCreateParams.builder()
            .setCustomer(customerId)
            .setReturnUrl(returnUrl)
            .build();
    try {
      var session = client.v1().billingPortal().sessions().create(params);
      return new Created(session.getId(), session.getUrl());
    } catch (StripeException e) {
      throw upstream("create a Customer Portal session", e);
    }
  }

  /** The subscription as Stripe holds it now; empty when Stripe does not know the id. */
  public Optional<Subscription> subscription(String id) {
    try {
      com.stripe.model.Subscription s = client.v1().subscriptions().retrieve(id);
      SubscriptionItem item =
          s.getItems() == null || s.getItems().getData().isEmpty()
              ? null
              : s.getItems().getData().get(0);
      String price = item == null || item.getPrice() == null ? null : item.getPrice().getId();
      Instant periodEnd =
          item == null || item.getCurrentPeriodEnd() == null
              ? null
              : Instant.ofEpochSecond(item.getCurrentPeriodEnd());
      String org =
          s.getMetadata() == null ? null : s.getMetadata().get(WebhookEvents.ORGANIZATION_KEY);
      return Optional.of(
          new Subscription(
              s.getId(),
              s.getCustomer(),
              s.getStatus(),
              price,
              periodEnd,
              Boolean.TRUE.equals(s.getLivemode()),
              org));
    } catch (InvalidRequestException e) {
      if (e.getStatusCode() != null && e.getStatusCode() == 404) {
        return Optional.empty();
      }
      throw upstream("read a subscription", e);
    } catch (StripeException e) {
      throw upstream("read a subscription", e);
    }
  }

  /**
   * 502 for the caller (Stripe retries a webhook that got one); Stripe's own words go to the log
   * only.
   */
  private static ApiException upstream(String what, StripeException e) {
    LOG.warn("Stripe could not {}: {} (request {})", what, e.getMessage(), e.getRequestId());
    return ApiException.forCaller(502, "Stripe could not " + what + "; try again shortly", null);
  }
}
