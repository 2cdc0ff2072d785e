package dev.minirag.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.auth.LoginLinks;
import dev.minirag.auth.SessionDao;
import dev.minirag.billing.LocalStripe;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's billing spec (e2e/billing.spec.ts) in Chromium with billing on: a local Stripe, a 0
 * s grace period so a lapsed payment refuses ingest at once, and the development admin signed in.
 */
class BillingConsoleIT {

  static final String SECRET = TestApp.randomSecret();
  static final String WEBHOOK_SECRET = "whsec_" + TestApp.randomSecret();
  static final String PRICE = "price_e2e_team";

  @RegisterExtension static final TestDatabase DB = new TestDatabase();
  @RegisterExtension static final LocalStripe STRIPE = new LocalStripe();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "security.jwtSecret",
              SECRET,
              "security.devMode",
              "true",
              "auth.cookieSecure",
              "false",
              "auth.publicBaseUrl",
              "http://localhost:8080",
              "security.stripeApiKey",
              "sk_test_e2e" + TestApp.randomSecret(),
              "security.stripeWebhookSecret",
              WEBHOOK_SECRET,
              "billing.stripeApiBase",
              STRIPE.url(),
              "billing.plans.team.priceId",
              PRICE,
              "billing.gracePeriod",
              "0s"));

  @Test
  void billingSpecPasses() throws Exception {
    Path console = TestApp.repoRoot().resolve("frontend-react");
    assertThat(Path.of("/usr/bin/chromium")).as("Debian chromium (bin/test installs it)").exists();
    IdentityFixtures f = new IdentityFixtures(DB, SECRET);
    var admin = f.users.findByEmail("admin@localhost").orElseThrow();
    String loginPath =
        new LoginLinks(f.jdbi.onDemand(SessionDao.class), "", true, Clock.systemUTC())
            .issue(admin.id());

    Map<String, String> env = new LinkedHashMap<>();
    env.put("BASE_URL", "http://127.0.0.1:" + APP.getLocalPort());
    env.put("LOGIN_PATH", loginPath);
    env.put("E2E_BILLING", "1");
    env.put("E2E_STRIPE_URL", STRIPE.url());
    env.put("E2E_WEBHOOK_SECRET", WEBHOOK_SECRET);
    env.put("E2E_PRICE", PRICE);
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    env.put("CI", "true");
    int exit =
        TestApp.runProcess(
            console, env, "npx", "--no-install", "playwright", "test", "e2e/billing.spec.ts");
    assertThat(exit).as("Playwright exit code (its report is above)").isZero();
  }
}
