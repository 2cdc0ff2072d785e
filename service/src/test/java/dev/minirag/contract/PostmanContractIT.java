package dev.minirag.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.billing.LocalStripe;
import dev.minirag.testing.ApiResources;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Postman collection in postman/, run by newman against the live service. */
class PostmanContractIT {

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  static final String SECRET = TestApp.randomSecret();

  static final String WEBHOOK_SECRET = "whsec_" + TestApp.randomSecret();

  /**
   * Billing is on, against a local Stripe, so the collection covers checkout, portal, webhooks and
   * a 402.
   */
  @RegisterExtension static final LocalStripe STRIPE = new LocalStripe();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          dev.minirag.MiniRagApplication.class,
          DB,
          Map.of(
              "security.jwtSecret",
              SECRET,
              "security.stripeApiKey",
              "sk_test_postman" + TestApp.randomSecret(),
              "security.stripeWebhookSecret",
              WEBHOOK_SECRET,
              "billing.stripeApiBase",
              STRIPE.url(),
              "billing.plans.team.priceId",
              "price_postman_team"));

  @Test
  void newmanPassesTheWholeCollection() throws Exception {
    Path postman = TestApp.repoRoot().resolve("postman");
    Path newman = postman.resolve("node_modules/.bin/newman");
    assertThat(newman).as("run `npm ci` in postman/ (bin/test does)").exists();
    Path report = TestApp.repoRoot().resolve("service/target/newman/junit.xml");
    Files.createDirectories(report.getParent());
    // identity: a system admin (first user) with a session, and an admin-scoped key for their
    // workspace
    var identity = new dev.minirag.auth.IdentityFixtures(DB, SECRET);
    var admin = identity.signIn("postman-admin@example.com");
    var session = identity.session(admin);
    String apiKey = identity.key(admin.defaultWorkspaceId(), "postman", java.util.List.of("admin"));
    // The subscription the collection's signed checkout.session.completed names, as Stripe holds
    // it.
    var organization = identity.tenancy.get(admin.defaultWorkspaceId()).organizationId();
    STRIPE.subscription(
        "sub_postman",
        "cus_postman",
        "active",
        "price_postman_team",
        java.time.Instant.now().plus(java.time.Duration.ofDays(30)).getEpochSecond(),
        false,
        organization.toString());
    // An organization whose trial has ended, for the 402.
    var lapsed = identity.signIn("postman-lapsed@example.com");
    identity.exec(
        "INSERT INTO organization_billing (organization_id, status, trial_ends_at) VALUES (?, 'trialing', now() - interval '1 day')",
        identity.tenancy.get(lapsed.defaultWorkspaceId()).organizationId());
    String lapsedKey =
        identity.key(lapsed.defaultWorkspaceId(), "postman-lapsed", java.util.List.of("write"));
    // the person the collection adds as a member has an account (an unknown email would be invited)
    identity.signIn("postman-member@example.com");
    int exit =
        TestApp.runProcess(
            postman,
            Map.of(),
            newman.toString(),
            "run",
            "mini-rag.postman_collection.json",
            "-e",
            "local.postman_environment.json",
            "--env-var",
            "baseUrl=http://127.0.0.1:" + APP.getLocalPort(),
            "--env-var",
            "apiKey=" + apiKey,
            "--env-var",
            "session=" + session.token(),
            "--env-var",
            "csrf=" + session.csrf(),
            "--env-var",
            "webhookSecret=" + WEBHOOK_SECRET,
            "--env-var",
            "lapsedApiKey=" + lapsedKey,
            "--env-var",
            // the app runs with Secure cookies (config.yml's default), so the session cookie is
            // __Host- prefixed
            "sessionCookie=" + dev.minirag.auth.SessionCookies.sessionName(true),
            "--reporters",
            "cli,junit",
            "--reporter-junit-export",
            report.toString(),
            "--color",
            "off");
    assertThat(exit).as("newman exit code (its failures are listed above)").isZero();
    assertThat(Files.readString(report)).contains("<testsuites").doesNotContain("<failure");
  }

  @Test
  void theCollectionCallsEveryEndpointOfTheApi() throws Exception {
    JsonNode collection =
        new ObjectMapper()
            .readTree(
                TestApp.repoRoot().resolve("postman/mini-rag.postman_collection.json").toFile());
    List<String> requests = new ArrayList<>();
    collect(collection.get("item"), requests);
    List<String> missing = new ArrayList<>();
    List<ApiResources.Endpoint> endpoints = ApiResources.endpoints(APP.getEnvironment());
    assertThat(endpoints)
        .as("endpoints found in Jersey's resource model")
        .contains(
            new ApiResources.Endpoint("POST", "/v1/search"),
            new ApiResources.Endpoint("GET", "/v1/sources/{id}"));
    for (ApiResources.Endpoint e : endpoints) {
      if (e.path().startsWith("/openapi")) {
        continue; // /openapi.{type:json|yaml}: the collection fetches /api/openapi.json
      }
      String pattern = e.method() + " /api" + e.path().replaceAll("\\{[^}]+}", "[^/]+");
      if (requests.stream().noneMatch(r -> r.matches(pattern))) {
        missing.add(e.method() + " /api" + e.path());
      }
    }
    assertThat(missing)
        .as("endpoints without a request in postman/mini-rag.postman_collection.json")
        .isEmpty();
  }

  private static void collect(JsonNode items, List<String> out) {
    for (JsonNode item : items) {
      if (item.has("item")) {
        collect(item.get("item"), out);
      } else {
        JsonNode url = item.at("/request/url");
        String raw = url.isTextual() ? url.asText() : url.path("raw").asText();
        out.add(
            item.at("/request/method").asText()
                + " "
                + raw.replace("{{baseUrl}}", "").split("\\?")[0]);
      }
    }
  }
}
