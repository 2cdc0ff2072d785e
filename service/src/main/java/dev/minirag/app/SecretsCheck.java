package dev.minirag.app;

import dev.minirag.ask.AnswerConfig;
import dev.minirag.auth.AuthConfig;
import dev.minirag.embedding.EmbeddingConfig;
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
      List.of(
          "change-this",
          "change_this",
          "changeme",
          "your-",
          "your_",
          "sk_test_placeholder",
          "whsec_placeholder",
          "replace-me",
          "<");

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
    } else if (jwt.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        < MIN_JWT_SECRET_BYTES) {
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
        problems.add(
            "STRIPE_WEBHOOK_SECRET (security.stripeWebhookSecret) is a known placeholder value");
      }
    }
    return problems;
  }

  /**
   * Secrets of features that are switched on: a known placeholder there is as unsafe as one in the
   * session secret (a sign-in client secret, a model provider's key).
   */
  public static List<String> featureProblems(
      AuthConfig auth, EmbeddingConfig embedding, AnswerConfig answer) {
    List<String> problems = new ArrayList<>();
    if (auth.oidcEnabled()) {
      placeholder(
          "OIDC_CLIENT_SECRET (auth.oidc.clientSecret)",
          auth.getOidc().getClientSecret(),
          problems);
    }
    if (auth.googleEnabled()) {
      placeholder(
          "GOOGLE_CLIENT_SECRET (auth.google.clientSecret)",
          auth.getGoogle().getClientSecret(),
          problems);
    }
    if ("openai".equals(embedding.getProvider())) {
      placeholder(
          "EMBEDDING_OPENAI_API_KEY (embedding.openai.apiKey)",
          embedding.getOpenai().getApiKey(),
          problems);
    }
    if ("openai".equals(answer.getProvider())) {
      placeholder(
          "ANSWER_OPENAI_API_KEY (answer.openaiApiKey)", answer.getOpenaiApiKey(), problems);
    }
    return problems;
  }

  /** A blank key is allowed (an OpenAI-compatible server may need none); a placeholder never is. */
  private static void placeholder(String setting, String value, List<String> problems) {
    if (!isBlank(value) && isPlaceholder(value)) {
      problems.add(setting + " is a known placeholder value");
    }
  }

  /** Throws naming every unsafe setting, unless development mode allows them. */
  public static void enforce(SecurityConfig security) {
    enforce(security, List.of());
  }

  /** {@link #enforce(SecurityConfig)} with the problems of switched-on features as well. */
  public static void enforce(SecurityConfig security, List<String> featureProblems) {
    List<String> problems = new ArrayList<>(problems(security));
    problems.addAll(featureProblems);
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
