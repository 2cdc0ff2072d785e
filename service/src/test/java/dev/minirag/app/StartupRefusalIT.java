package dev.minirag.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minirag.MiniRagApplication;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real app with the real config.yml refuses to boot on a placeholder secret. */
class StartupRefusalIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @Test
  void placeholderSecretStopsStartupAndNamesTheSetting() {
    DropwizardAppExtension<MiniRagConfiguration> app =
        TestApp.create(MiniRagApplication.class, DB, Map.of("security.jwtSecret", "changeme"));
    assertThatThrownBy(app::before).hasStackTraceContaining("MINIRAG_JWT_SECRET");
    app.after();
  }

  @Test
  void billingOnWithoutAPriceOrWithAPlaceholderKeyStopsStartup() {
    DropwizardAppExtension<MiniRagConfiguration> noPrice =
        TestApp.create(
            MiniRagApplication.class,
            DB,
            Map.of(
                "security.stripeApiKey",
                "sk_test_real0123456789",
                "security.stripeWebhookSecret",
                "whsec_real0123456789"));
    assertThatThrownBy(noPrice::before)
        .hasStackTraceContaining("billing.plans.team.priceId is not set");
    noPrice.after();
    DropwizardAppExtension<MiniRagConfiguration> placeholder =
        TestApp.create(
            MiniRagApplication.class,
            DB,
            Map.of(
                "security.stripeApiKey",
                "sk_test_placeholder",
                "security.stripeWebhookSecret",
                "whsec_real0123456789",
                "billing.plans.team.priceId",
                "price_team"));
    assertThatThrownBy(placeholder::before)
        .hasStackTraceContaining("STRIPE_API_KEY (security.stripeApiKey) is a known placeholder");
    placeholder.after();
  }

  @Test
  void devModeRefusesToListenBeyondLoopback() {
    DropwizardAppExtension<MiniRagConfiguration> app =
        TestApp.create(
            MiniRagApplication.class,
            DB,
            Map.of(
                "security.devMode", "true", "server.applicationConnectors[0].bindHost", "0.0.0.0"));
    assertThatThrownBy(app::before)
        .hasStackTraceContaining("MINIRAG_DEV_MODE=true needs every connector on loopback")
        .hasStackTraceContaining("BIND_HOST (server.applicationConnectors) is 0.0.0.0");
    app.after();
  }

  @Test
  void anHttpsPublicUrlSendsStrictTransportSecurity() throws Exception {
    DropwizardAppExtension<MiniRagConfiguration> app =
        TestApp.create(
            MiniRagApplication.class, DB, Map.of("auth.publicBaseUrl", "https://rag.example.com"));
    try {
      app.before();
      var r = new dev.minirag.testing.Http(app).get("/api/v1/version");
      assertThat(r.getStatus()).isEqualTo(200);
      assertThat(r.getHeaderString("Strict-Transport-Security"))
          .isEqualTo("max-age=31536000; includeSubDomains");
    } finally {
      app.after();
    }
  }

  @Test
  void devModeAllowsThePlaceholder() throws Exception {
    DropwizardAppExtension<MiniRagConfiguration> app =
        TestApp.create(
            MiniRagApplication.class,
            DB,
            Map.of("security.jwtSecret", "changeme", "security.devMode", "true"));
    try {
      app.before();
      assertThat(app.getLocalPort()).isPositive();
    } finally {
      app.after();
    }
  }
}
