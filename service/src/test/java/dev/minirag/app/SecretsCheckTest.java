package dev.minirag.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsCheckTest {

  private static SecurityConfig config(Map<String, Object> values) {
    return new ObjectMapper().convertValue(values, SecurityConfig.class);
  }

  @Test
  void refusesMissingSecretNamingTheSetting() {
    assertThatThrownBy(() -> SecretsCheck.enforce(config(Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MINIRAG_JWT_SECRET");
  }

  @Test
  void refusesKnownPlaceholders() {
    for (String placeholder : new String[] {"changeme", "change-this-secret-key-in-production-please-now", "CHANGEME"}) {
      assertThatThrownBy(() -> SecretsCheck.enforce(config(Map.of("jwtSecret", placeholder))))
          .as(placeholder)
          .hasMessageContaining("placeholder");
    }
  }

  @Test
  void refusesStripePlaceholdersAndMissingWebhookSecret() {
    var problems = SecretsCheck.problems(config(Map.of(
        "jwtSecret", "q8Yv3nR7tK2mW9xZ4bL6pD1sF5hJ0cA8eG3iU7oN2yT",
        "stripeApiKey", "sk_test_placeholder")));
    assertThat(problems).anyMatch(p -> p.contains("STRIPE_API_KEY"));
    assertThat(problems).anyMatch(p -> p.contains("STRIPE_WEBHOOK_SECRET"));
  }

  @Test
  void refusesShortSecrets() {
    assertThat(SecretsCheck.problems(config(Map.of("jwtSecret", "x7Kp2"))))
        .singleElement().asString().contains("at least 32 bytes");
  }

  @Test
  void acceptsStrongSecretsAndDevModeOverride() {
    SecretsCheck.enforce(config(Map.of("jwtSecret", "q8Yv3nR7tK2mW9xZ4bL6pD1sF5hJ0cA8eG3iU7oN2yT")));
    SecretsCheck.enforce(config(Map.of("devMode", true, "jwtSecret", "changeme")));
  }
}
