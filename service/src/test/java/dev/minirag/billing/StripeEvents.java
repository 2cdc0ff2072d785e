package dev.minirag.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe events as Stripe sends them: JSON, signed the way Stripe-Signature documents. */
final class StripeEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StripeEvents() {}

  /** {@code t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + payload)>} */
  static String sign(String payload, String secret, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(String payload, String secret) {
    return sign(payload, secret, Instant.now().getEpochSecond());
  }

  static String event(String type, long created, ObjectNode object) {
    ObjectNode e = JSON.createObjectNode();
    e.put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""));
    e.put("object", "event")
        .put("type", type)
        .put("created", created)
        .put("livemode", false)
        .put("api_version", "2025-10-29.clover");
    e.putObject("data").set("object", object);
    return e.toString();
  }

  static ObjectNode subscriptionObject(
      String id, String customer, String status, String organizationId) {
    ObjectNode o =
        JSON.createObjectNode()
            .put("id", id)
            .put("object", "subscription")
            .put("customer", customer)
            .put("status", status);
    if (organizationId != null) {
      o.putObject("metadata").put(WebhookEvents.ORGANIZATION_KEY, organizationId);
    }
    return o;
  }

  static ObjectNode checkoutObject(
      String session, String customer, String subscription, String organizationId) {
    ObjectNode o =
        JSON.createObjectNode()
            .put("id", session)
            .put("object", "checkout.session")
            .put("customer", customer)
            .put("subscription", subscription)
            .put("client_reference_id", organizationId)
            .put("mode", "subscription");
    o.putObject("metadata").put(WebhookEvents.ORGANIZATION_KEY, organizationId);
    return o;
  }

  /** An invoice in the 2025 shape: its subscription under parent.subscription_details. */
  static ObjectNode invoiceObject(String id, String customer, String subscription) {
    ObjectNode o =
        JSON.createObjectNode().put("id", id).put("object", "invoice").put("customer", customer);
    o.putObject("parent")
        .put("type", "subscription_details")
        .putObject("subscription_details")
        .put("subscription", subscription);
    return o;
  }
}
