package dev.minirag.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.ask.AnswerConfig;
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
    for (String placeholder :
        new String[] {"changeme", "change-this-secret-key-in-production-please-now", "CHANGEME"}) {
      assertThatThrownBy(() -> SecretsCheck.enforce(config(Map.of("jwtSecret", placeholder))))
          .as(placeholder)
          .hasMessageContaining("placeholder");
    }
  }

  @Test
  void refusesStripePlaceholdersAndMissingWebhookSecret() {
    var problems =
        SecretsCheck.problems(
            config(
                Map.of(
                    "jwtSecret", "q8Yv3nR7tK2mW9xZ4bL6pD1sF5hJ0cA8eG3iU7oN2yT",
                    "stripeApiKey", "sk_test_placeholder")));
    assertThat(problems).anyMatch(p -> p.contains("STRIPE_API_KEY"));
    assertThat(problems).anyMatch(p -> p.contains("STRIPE_WEBHOOK_SECRET"));
  }

  @Test
  void refusesShortSecrets() {
    assertThat(SecretsCheck.problems(config(Map.of("jwtSecret", "x7Kp2"))))
        .singleElement()
        .asString()
        .contains("at least 32 bytes");
  }

  @Test
  void refusesPlaceholdersInTheSecretsOfSwitchedOnFeatures() {
    ObjectMapper json = new ObjectMapper();
    dev.minirag.auth.AuthConfig auth =
        json.convertValue(
            Map.of(
                "oidc",
                    Map.of(
                        "issuer",
                        "https://id.example.com",
                        "clientId",
                        "mini-rag",
                        "clientSecret",
                        "changeme"),
                "google", Map.of("clientId", "g", "clientSecret", "your-google-secret")),
            dev.minirag.auth.AuthConfig.class);
    dev.minirag.embedding.EmbeddingConfig embedding =
        dev.minirag.embedding.EmbeddingConfig.openai(
            new dev.minirag.embedding.EmbeddingConfig.OpenAi(
                "https://api.example.com", "m", "sk-...", 384),
            32);
    AnswerConfig answer = new AnswerConfig();
    answer.setProvider("openai");
    answer.setOpenaiApiKey("<your key>");
    assertThat(SecretsCheck.featureProblems(auth, embedding, answer))
        .hasSize(4)
        .anyMatch(p -> p.startsWith("OIDC_CLIENT_SECRET"))
        .anyMatch(p -> p.startsWith("GOOGLE_CLIENT_SECRET"))
        .anyMatch(p -> p.startsWith("EMBEDDING_OPENAI_API_KEY"))
        .anyMatch(p -> p.startsWith("ANSWER_OPENAI_API_KEY"));
    assertThatThrownBy(
            () ->
                SecretsCheck.enforce(
                    config(Map.of("jwtSecret", "q8Yv3nR7tK2mW9xZ4bL6pD1sF5hJ0cA8eG3iU7oN2yT")),
                    SecretsCheck.featureProblems(auth, embedding, answer)))
        .hasMessageContaining("ANSWER_OPENAI_API_KEY");

    // Blank keys are allowed (local OpenAI-compatible servers need none), and switched-off features
    // are not checked.
    answer.setOpenaiApiKey("");
    AnswerConfig off = new AnswerConfig();
    off.setOpenaiApiKey("changeme");
    assertThat(
            SecretsCheck.featureProblems(
                new dev.minirag.auth.AuthConfig(),
                new dev.minirag.embedding.EmbeddingConfig(),
                answer))
        .isEmpty();
    assertThat(
            SecretsCheck.featureProblems(
                new dev.minirag.auth.AuthConfig(),
                new dev.minirag.embedding.EmbeddingConfig(),
                off))
        .isEmpty();
  }

  @Test
  void acceptsStrongSecretsAndDevModeOverride() {
    SecretsCheck.enforce(
        config(Map.of("jwtSecret", "q8Yv3nR7tK2mW9xZ4bL6pD1sF5hJ0cA8eG3iU7oN2yT")));
    SecretsCheck.enforce(config(Map.of("devMode", true, "jwtSecret", "changeme")));
  }
}
