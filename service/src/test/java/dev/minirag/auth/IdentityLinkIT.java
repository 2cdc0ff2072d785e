package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.testing.OidcProviders;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.IdentityConflictException;
import dev.minirag.users.ProviderIdentity;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A returning person is found by (issuer, subject), never by email alone: another subject with the
 * same email is refused, and only an account with no identity yet is linked, on a verified sign-in.
 */
class IdentityLinkIT {

  static final String CLIENT_ID = "mini-rag-test";
  static final String SECRET = TestApp.randomSecret();
  static final MockOAuth2Server OIDC = OidcProviders.started();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of(
              "security.jwtSecret",
              SECRET,
              "auth.oidc.issuer",
              OIDC.issuerUrl("default").toString(),
              "auth.oidc.clientId",
              CLIENT_ID,
              "auth.oidc.clientSecret",
              "client-secret-for-tests-only"));

  @AfterAll
  static void stop() {
    OIDC.shutdown();
  }

  private final Api api = new Api(APP.getLocalPort());
  private final IdentityFixtures f = new IdentityFixtures(DB, SECRET);

  private Api.Resp signIn(String subject, String email, Map<String, String> headers) {
    OIDC.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "default",
            subject,
            "JWT",
            List.of(CLIENT_ID),
            Map.of("email", email, "email_verified", true, "name", "Person " + subject),
            3600));
    Api.Resp start = api.get("/api/v1/auth/login/oidc", Map.of());
    assertThat(start.status()).as(start.toString()).isEqualTo(302);
    URI back = URI.create(api.get(start.header("Location"), Map.of()).header("Location"));
    return api.get(
        "/api/v1/auth/callback/oidc?" + back.getRawQuery(),
        Api.with(
            headers, "Cookie", "__Host-minirag_login=" + start.setCookie("__Host-minirag_login")));
  }

  private UUID signedInUser(Api.Resp callback) {
    assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
    Api.Resp me = api.get("/api/v1/me", Api.sessionOf(callback));
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    return UUID.fromString(me.json().get("userId").asText());
  }

  @Test
  void theSameSubjectIsTheSamePersonEvenWithAnotherEmail() {
    String subject = "sub-" + UUID.randomUUID();
    UUID first = signedInUser(signIn(subject, "returning@example.com", Map.of()));
    assertThat(signedInUser(signIn(subject, "returning@example.com", Map.of()))).isEqualTo(first);
    // the provider now reports another address: still the same account, and no new one is made
    assertThat(signedInUser(signIn(subject, "renamed@example.com", Map.of()))).isEqualTo(first);
    assertThat(f.users.findByEmail("renamed@example.com")).isEmpty();
    assertThat(
            f.count(
                "SELECT count(*) FROM user_identities WHERE subject = ? AND user_id = ?",
                subject,
                first))
        .isEqualTo(1);
  }

  @Test
  void anotherSubjectWithTheSameEmailIsRefusedAndAudited() {
    UUID owner =
        signedInUser(signIn("sub-owner-" + UUID.randomUUID(), "taken@example.com", Map.of()));
    long failedBefore =
        f.count(
            "SELECT count(*) FROM audit_events WHERE action = 'auth.failed' AND details->>'reason' LIKE 'identity conflict%'");

    Api.Resp refused = signIn("sub-intruder-" + UUID.randomUUID(), "taken@example.com", Map.of());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().get("code").asInt()).isEqualTo(409);
    assertThat(refused.json().get("message").asText())
        .contains("not linked to this sign-in identity");
    assertThat(refused.setCookie("__Host-minirag_session")).isNull();

    Api.Resp browser =
        signIn(
            "sub-intruder-2-" + UUID.randomUUID(),
            "taken@example.com",
            Map.of("Accept", "text/html,*/*;q=0.8"));
    assertThat(browser.status()).isEqualTo(302);
    assertThat(browser.header("Location")).endsWith("/sign-in?error=identity_conflict");
    assertThat(browser.setCookie("__Host-minirag_session")).isNull();

    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'auth.failed' AND details->>'reason' LIKE 'identity conflict%'"))
        .isEqualTo(failedBefore + 2);
    assertThat(f.count("SELECT count(*) FROM user_identities WHERE user_id = ?", owner))
        .isEqualTo(1);
  }

  @Test
  void anEmailTheProviderDoesNotVouchForIsNeverLinkedToAnExistingAccount() {
    // (a provider configured with OIDC_ALLOW_UNVERIFIED_EMAIL gets this far)
    User admin = f.users.createAdmin("unvouched@example.com");
    assertThatThrownBy(
            () ->
                f.users.signIn(
                    new ProviderIdentity(
                        "https://relaxed.test",
                        "sub-relaxed",
                        "unvouched@example.com",
                        false,
                        null)))
        .isInstanceOf(IdentityConflictException.class);
    assertThat(f.count("SELECT count(*) FROM user_identities WHERE user_id = ?", admin.id()))
        .isZero();
  }

  @Test
  void anAdminMadeOnTheCommandLineIsLinkedOnTheFirstVerifiedSignInOnly() {
    User admin = f.users.createAdmin("operator@example.com");
    assertThat(f.count("SELECT count(*) FROM user_identities WHERE user_id = ?", admin.id()))
        .isZero();

    String subject = "sub-operator-" + UUID.randomUUID();
    assertThat(signedInUser(signIn(subject, "Operator@Example.com", Map.of())))
        .isEqualTo(admin.id());
    assertThat(
            f.count(
                "SELECT count(*) FROM user_identities WHERE user_id = ? AND subject = ?",
                admin.id(),
                subject))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'user.identity_link' AND target = ?",
                admin.id().toString()))
        .isEqualTo(1);
    assertThat(f.users.find(admin.id()).orElseThrow().systemAdmin()).isTrue();

    // linked now: someone else at the provider with that email is refused
    assertThat(signIn("sub-other-" + UUID.randomUUID(), "operator@example.com", Map.of()).status())
        .isEqualTo(409);
    assertThat(signedInUser(signIn(subject, "operator@example.com", Map.of())))
        .isEqualTo(admin.id());
  }

  @Test
  void
      anAccountWhoseEmailNoProviderVerifiedNeverGetsTheVerifiedOwnerAndAnOperatorFreesTheAddress() {
    // Someone signed in first with this address at a provider that does not verify it
    // (OIDC_ALLOW_UNVERIFIED_EMAIL).
    ProviderIdentity squat =
        new ProviderIdentity(
            "https://relaxed.test",
            "sub-squat-" + UUID.randomUUID(),
            "held@example.com",
            false,
            null);
    UUID squatter = f.users.signIn(squat).user().id();

    String subject = "sub-owner-" + UUID.randomUUID();
    Api.Resp refused = signIn(subject, "held@example.com", Map.of());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.setCookie("__Host-minirag_session")).isNull();
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'auth.failed' AND details->>'reason' LIKE '%users release-email%'"))
        .isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM user_identities WHERE subject = ?", subject)).isZero();

    assertThat(f.users.releaseEmail("held@example.com").id()).isEqualTo(squatter);
    UUID owner = signedInUser(signIn(subject, "held@example.com", Map.of()));
    assertThat(owner).isNotEqualTo(squatter);
    assertThat(f.users.emailVerified(owner)).isTrue();
    assertThat(f.users.find(squatter).orElseThrow().email())
        .isEqualTo(squatter + "@released.invalid");
    // the address is the verified owner's now: the unverified identity cannot take it back
    assertThatThrownBy(
            () ->
                f.users.signIn(
                    new ProviderIdentity(
                        "https://relaxed.test", "sub-squat-2", "held@example.com", false, null)))
        .isInstanceOf(IdentityConflictException.class);
    assertThat(f.users.signIn(squat).user().id()).isEqualTo(squatter);
  }
}
