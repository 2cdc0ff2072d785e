package dev.minirag.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses to start with a missing or well-known placeholder secret, naming the setting, unless the
 * explicit development flag is on. Shared defaults are how session cookies become forgeable.
 */
public final class SecretsCheck {

  /** Values seen in templates and docs, compared whole. */
  private static final List<String> PLACEHOLDERS =
      List.of(
          "changeme",
          "secret",
          "password",
          "placeholder",
          "fake",
          "dummy",
          "test",
          "sk-...",
          "sk_test_123",
          "whsec_123");

  /** Prefixes that only instructional placeholders start with. */
  private static final List<String> PLACEHOLDER_PREFIXES =
      List.of("change-this", "change_this", "changeme", "your-", "your_", "sk_test_placeholder", "whsec_placeholder", "replace-me", "<");

  static final int MIN_JWT_SECRET_BYTES = 32;

  private SecretsCheck() {}

  /** Returns the problems found; empty when the configuration is safe to run. */
  public static List<String> problems(SecurityConfig security) {
    List<String> problems = new ArrayList<>();
    String jwt = security.getJwtSecret();
    if (isBlank(jwt)) {
      problems.add("MINIRAG_JWT_SECRET (security.jwtSecret) is not set");
    } else if (isPlaceholder(jwt)) {
      problems.add("MINIRAG_JWT_SECRET (security.jwtSecret) is a known placeholder value");
    } else if (jwt.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
      problems.add(
          "MINIRAG_JWT_SECRET (security.jwtSecret) must be at least "
              + MIN_JWT_SECRET_BYTES
              + " bytes");
    }
    String stripe = security.getStripeApiKey();
    if (!isBlank(stripe)) {
      if (isPlaceholder(stripe)) {
        problems.add("STRIPE_API_KEY (security.stripeApiKey) is a known placeholder value");
      }
      String hook = security.getStripeWebhookSecret();
      if (isBlank(hook)) {
        problems.add("STRIPE_WEBHOOK_SECRET (security.stripeWebhookSecret) is not set");
      } else if (isPlaceholder(hook)) {
        problems.add("STRIPE_WEBHOOK_SECRET (security.stripeWebhookSecret) is a known placeholder value");
      }
    }
    return problems;
  }

  /** Throws naming every unsafe setting, unless development mode allows them. */
  public static void enforce(SecurityConfig security) {
    List<String> problems = problems(security);
    if (!problems.isEmpty() && !security.isDevMode()) {
      throw new IllegalStateException(
          "Refusing to start: "
              + String.join("; ", problems)
              + ". Set real secrets in the environment (or MINIRAG_DEV_MODE=true for local development only).");
    }
  }

  static boolean isPlaceholder(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return PLACEHOLDERS.contains(v) || PLACEHOLDER_PREFIXES.stream().anyMatch(v::startsWith);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
