package dev.minirag.app;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Secrets and the development escape hatch; every value comes from the environment. */
public class SecurityConfig {

  /**
   * MINIRAG_DEV_MODE: allows missing or placeholder secrets and plain-HTTP cookies. Never in
   * production.
   */
  @JsonProperty private boolean devMode = false;

  /** MINIRAG_JWT_SECRET: HMAC key for session tokens, at least 32 bytes. */
  @JsonProperty private String jwtSecret;

  /** STRIPE_API_KEY: optional; billing stays off when empty. */
  @JsonProperty private String stripeApiKey;

  /** STRIPE_WEBHOOK_SECRET: optional; required when stripeApiKey is set. */
  @JsonProperty private String stripeWebhookSecret;

  public boolean isDevMode() {
    return devMode;
  }

  public String getJwtSecret() {
    return jwtSecret;
  }

  public String getStripeApiKey() {
    return stripeApiKey;
  }

  public String getStripeWebhookSecret() {
    return stripeWebhookSecret;
  }
}
