package dev.minirag.billing;

import com.codahale.metrics.annotation.Timed;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.access.Public;
import dev.minirag.common.ApiException;
import dev.minirag.common.Fails;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;

/** The caller's organization's billing, checkout and portal sessions, and Stripe's webhook. */
@Path("/v1/billing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "billing")
public class BillingResource {

  public record CheckoutRequest(@NotBlank @Size(max = 64) String plan) {}

  public record SessionUrl(String id, String url) {}

  private final BillingService billing;
  private final WebhookEvents webhooks;
  private final long maxWebhookBody;

  public BillingResource(BillingService billing, WebhookEvents webhooks, long maxWebhookBody) {
    this.billing = billing;
    this.webhooks = webhooks;
    this.maxWebhookBody = maxWebhookBody;
  }

  @GET
  @Timed
  @RolesAllowed(Permissions.READ)
  @Operation(
      summary =
          "The organization's plan, subscription status, trial and period end, entitlements; enabled=false when billing is off")
  public BillingView get(@Parameter(hidden = true) @Auth Caller caller) {
    return billing.view(caller);
  }

  @POST
  @Path("/checkout")
  @Consumes(MediaType.APPLICATION_JSON)
  @Timed
  @RolesAllowed(Permissions.ADMIN)
  @Fails(status = 400, when = "An unknown plan")
  @Fails(status = 404, when = "Billing is off (no `STRIPE_API_KEY`)")
  @Fails(status = 409, when = "The organization is already subscribed")
  @Fails(status = 502, when = "Stripe could not be reached")
  @Operation(
      summary =
          "A Stripe Checkout Session subscribing the organization to a plan (its owners and admins); answers its URL")
  public SessionUrl checkout(
      @Parameter(hidden = true) @Auth Caller caller,
      @Parameter(
              description =
                  "optional: without it the server derives one per organization, plan and subscription state;"
                      + " a key given is scoped to the organization; the same key within 24 hours returns the same session")
          @HeaderParam("Idempotency-Key")
          @Size(min = 1, max = 200)
          @Pattern(regexp = "[\\x21-\\x7e]+")
          String idempotencyKey,
      @NotNull @Valid CheckoutRequest body) {
    StripeGateway.Created s = billing.checkout(caller, body.plan().strip(), idempotencyKey);
    return new SessionUrl(s.id(), s.url());
  }

  @POST
  @Path("/portal")
  @Timed
  @RolesAllowed(Permissions.ADMIN)
  @Fails(status = 404, when = "Billing is off (no `STRIPE_API_KEY`)")
  @Fails(
      status = 409,
      when = "The organization has no Stripe customer yet: subscribe through checkout first")
  @Fails(status = 502, when = "Stripe could not be reached")
  @Operation(
      summary =
          "A Stripe Customer Portal session for the organization (its owners and admins); answers its URL")
  public SessionUrl portal(@Parameter(hidden = true) @Auth Caller caller) {
    StripeGateway.Created s = billing.portal(caller);
    return new SessionUrl(s.id(), s.url());
  }

  @POST
  @Path("/webhook")
  @Public
  @Timed
  @Fails(
      status = 400,
      when = "The Stripe-Signature does not verify or is older than `BILLING_WEBHOOK_TOLERANCE`")
  @Fails(status = 404, when = "Billing is off (no `STRIPE_API_KEY`)")
  @Fails(status = 502, when = "Stripe could not be read; nothing was stored and Stripe retries")
  @Operation(
      summary =
          "Stripe's webhook: the Stripe-Signature header is verified; each event is applied once")
  public WebhookEvents.Receipt webhook(
      @Parameter(hidden = true) @HeaderParam("Stripe-Signature") String signature, InputStream body)
      throws IOException {
    billing.requireEnabled();
    return webhooks.receive(readBounded(body), signature);
  }

  /** Stripe's events are small; a larger body is refused before it is read whole. */
  private byte[] readBounded(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxWebhookBody + 1));
    if (bytes.length > maxWebhookBody) {
      throw new ApiException(
          413, "Webhook body larger than " + maxWebhookBody + " bytes (BILLING_MAX_WEBHOOK_BODY)");
    }
    return bytes;
  }
}
