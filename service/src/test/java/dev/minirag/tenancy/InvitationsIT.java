package dev.minirag.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.auth.Api;
import dev.minirag.auth.IdentityFixtures;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.IdentityConflictException;
import dev.minirag.users.ProviderIdentity;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inviting someone who has no account makes an invitation, not a user: they sign in to a workspace
 * of their own, then accept or decline. Admins list and revoke; expired and closed ones cannot be
 * accepted.
 */
class InvitationsIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(
          MiniRagApplication.class,
          DB,
          Map.of("security.jwtSecret", SECRET, "auth.invitationTtlDays", "3"));

  static IdentityFixtures f;
  static User owner;
  static UUID ws;
  static Map<String, String> ownerSession;

  @BeforeAll
  static void workspace() {
    f = new IdentityFixtures(DB, SECRET);
    owner = f.signIn("owner-" + UUID.randomUUID() + "@example.com");
    ws = owner.defaultWorkspaceId();
    ownerSession = f.session(owner).headers();
  }

  private final Api api = new Api(APP.getLocalPort());

  private static String email(String who) {
    return who + "-" + UUID.randomUUID() + "@example.com";
  }

  private Api.Resp invite(String email, String role) {
    return api.send(
        "POST",
        "/api/v1/workspaces/current/members",
        ownerSession,
        Map.of("email", email, "role", role));
  }

  private JsonNode mine(User u) {
    Api.Resp r = api.get("/api/v1/me/invitations", f.session(u).headers());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private Api.Resp act(User u, String id, String action) {
    return api.send(
        "POST", "/api/v1/me/invitations/" + id + "/" + action, f.session(u).headers(), null);
  }

  @Test
  void anUnknownEmailIsInvitedAndJoinsOnlyByAcceptingAfterSigningInToTheirOwnWorkspace() {
    String email = email("New.Person").replace("New.Person", "New.Person");
    Api.Resp invited = invite(email.toUpperCase(), "editor");
    assertThat(invited.status()).as(invited.toString()).isEqualTo(202);
    String id = invited.json().get("id").asText();
    assertThat(invited.json().get("email").asText()).isEqualTo(email.toLowerCase());
    assertThat(invited.json().get("role").asText()).isEqualTo("editor");
    assertThat(Instant.parse(invited.json().get("expiresAt").asText()))
        .isBetween(
            Instant.now().plus(Duration.ofDays(3)).minusSeconds(60),
            Instant.now().plus(Duration.ofDays(3)).plusSeconds(60));
    assertThat(f.users.findByEmail(email)).as("no user is made for an invitation").isEmpty();

    Api.Resp listed = api.get("/api/v1/workspaces/current/invitations", ownerSession);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).contains(id);

    User invitee = f.signIn(email);
    assertThat(invitee.defaultWorkspaceId())
        .as("a workspace of their own, like anyone")
        .isNotNull()
        .isNotEqualTo(ws);
    assertThat(f.tenancy.roleOf(ws, invitee.id())).isEmpty();
    JsonNode mine = mine(invitee);
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).get("id").asText()).isEqualTo(id);
    assertThat(mine.get(0).get("workspaceId").asText()).isEqualTo(ws.toString());
    assertThat(mine.get(0).get("invitedByEmail").asText()).isEqualTo(owner.email());

    User stranger = f.signIn(email("stranger"));
    assertThat(mine(stranger)).isEmpty();
    assertThat(act(stranger, id, "accept").status()).as("not addressed to them").isEqualTo(404);

    Api.Resp accepted = act(invitee, id, "accept");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(accepted.json().get("id").asText()).isEqualTo(ws.toString());
    assertThat(accepted.json().get("role").asText()).isEqualTo("editor");
    assertThat(f.tenancy.roleOf(ws, invitee.id())).contains(WorkspaceRole.EDITOR);
    assertThat(f.users.find(invitee.id()).orElseThrow().defaultWorkspaceId())
        .isEqualTo(invitee.defaultWorkspaceId());

    Api.Resp again = act(invitee, id, "accept");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asInt()).isEqualTo(409);
    assertThat(mine(invitee)).isEmpty();
    Api.Resp stillOpen = api.get("/api/v1/workspaces/current/invitations", ownerSession);
    assertThat(stillOpen.status()).as(stillOpen.toString()).isEqualTo(200);
    assertThat(stillOpen.body()).doesNotContain(id);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'invitation.create' AND target = ? AND workspace_id = ?",
                id,
                ws))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'invitation.accept' AND target = ? AND actor_user_id = ?",
                id,
                invitee.id()))
        .isEqualTo(1);
  }

  @Test
  void someoneWithAnAccountIsAddedAtOnceAsBefore() {
    User existing = f.signIn(email("existing"));
    Api.Resp added = invite(existing.email(), "reader");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.json().get("userId").asText()).isEqualTo(existing.id().toString());
    assertThat(f.tenancy.roleOf(ws, existing.id())).contains(WorkspaceRole.READER);
  }

  @Test
  void declinedRevokedAndExpiredInvitationsCannotBeAccepted() {
    String declining = email("declining");
    String declinedId = invite(declining, "reader").json().get("id").asText();
    User decliner = f.signIn(declining);
    assertThat(act(decliner, declinedId, "decline").status()).isEqualTo(204);
    assertThat(act(decliner, declinedId, "accept").status()).isEqualTo(409);
    assertThat(f.tenancy.roleOf(ws, decliner.id())).isEmpty();

    String revoked = email("revoked");
    String revokedId = invite(revoked, "reader").json().get("id").asText();
    assertThat(
            api.send(
                    "DELETE",
                    "/api/v1/workspaces/current/invitations/" + revokedId,
                    ownerSession,
                    null)
                .status())
        .isEqualTo(204);
    assertThat(
            api.send(
                    "DELETE",
                    "/api/v1/workspaces/current/invitations/" + revokedId,
                    ownerSession,
                    null)
                .status())
        .isEqualTo(409);
    User late = f.signIn(revoked);
    assertThat(mine(late)).isEmpty();
    Api.Resp refused = act(late, revokedId, "accept");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("message").asText()).contains("revoked");

    String expiring = email("expiring");
    String expiredId = invite(expiring, "editor").json().get("id").asText();
    f.exec(
        "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = ?",
        UUID.fromString(expiredId));
    JsonNode adminView = api.get("/api/v1/workspaces/current/invitations", ownerSession).json();
    assertThat(adminView.findValues("id").stream().map(JsonNode::asText)).contains(expiredId);
    for (JsonNode i : adminView) {
      if (i.get("id").asText().equals(expiredId)) {
        assertThat(i.get("expired").asBoolean()).isTrue();
      }
    }
    User tooLate = f.signIn(expiring);
    assertThat(mine(tooLate)).isEmpty();
    Api.Resp gone = act(tooLate, expiredId, "accept");
    assertThat(gone.status()).as(gone.toString()).isEqualTo(410);
    assertThat(gone.json().get("code").asInt()).isEqualTo(410);
    assertThat(gone.json().get("message").asText()).contains("expired");
    assertThat(f.tenancy.roleOf(ws, tooLate.id())).isEmpty();

    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'invitation.decline' AND target = ?",
                declinedId))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'invitation.revoke' AND target = ?",
                revokedId))
        .isEqualTo(1);
  }

  @Test
  void invitingAgainRenewsTheOneOpenInvitation() {
    String email = email("twice");
    String first = invite(email, "reader").json().get("id").asText();
    Api.Resp second =
        api.send(
            "POST",
            "/api/v1/workspaces/current/invitations",
            ownerSession,
            Map.of("email", email, "role", "admin"));
    assertThat(second.status()).as(second.toString()).isEqualTo(201);
    assertThat(second.json().get("id").asText()).isEqualTo(first);
    assertThat(second.json().get("role").asText()).isEqualTo("admin");
    assertThat(f.count("SELECT count(*) FROM invitations WHERE email = ?", email)).isEqualTo(1);
  }

  @Test
  void onlyAdminsManageInvitationsAndOnlyOwnersInviteOwners() {
    User reader = f.member(ws, email("reader"), WorkspaceRole.READER);
    User admin = f.member(ws, email("admin"), WorkspaceRole.ADMIN);
    Map<String, String> readerSession = f.session(reader).headers();
    assertThat(api.get("/api/v1/workspaces/current/invitations", readerSession).status())
        .isEqualTo(403);
    assertThat(
            api.send(
                    "POST",
                    "/api/v1/workspaces/current/invitations",
                    readerSession,
                    Map.of("email", email("x"), "role", "reader"))
                .status())
        .isEqualTo(403);
    Api.Resp ownerByAdmin =
        api.send(
            "POST",
            "/api/v1/workspaces/current/invitations",
            f.session(admin).headers(),
            Map.of("email", email("boss"), "role", "owner"));
    assertThat(ownerByAdmin.status()).isEqualTo(403);
    assertThat(
            api.send(
                    "POST",
                    "/api/v1/workspaces/current/invitations",
                    ownerSession,
                    Map.of("email", "x".repeat(321) + "@example.com", "role", "reader"))
                .status())
        .isEqualTo(422);
    assertThat(
            api.send(
                    "POST",
                    "/api/v1/workspaces/current/invitations",
                    ownerSession,
                    Map.of("email", "not-an-email", "role", "reader"))
                .status())
        .isEqualTo(422);
    assertThat(
            api.send(
                    "POST",
                    "/api/v1/workspaces/current/invitations",
                    ownerSession,
                    Map.of("email", reader.email(), "role", "reader"))
                .status())
        .as("already a member")
        .isEqualTo(409);
  }

  @Test
  void apiKeysInviteButHaveNoInvitationsOfTheirOwn() {
    String key = f.keys.create(ws, "inviter", List.of("admin"), null, owner.id()).plaintext();
    Api.Resp invited =
        api.send(
            "POST",
            "/api/v1/workspaces/current/invitations",
            Api.key(key),
            Map.of("email", email("by-key"), "role", "reader"));
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    Api.Resp keyMine = api.get("/api/v1/me/invitations", Api.key(key));
    assertThat(keyMine.status()).isEqualTo(200);
    assertThat(keyMine.json()).isEmpty();
    assertThat(
            api.send(
                    "POST",
                    "/api/v1/me/invitations/" + invited.json().get("id").asText() + "/accept",
                    Api.key(key),
                    null)
                .status())
        .isEqualTo(404);
    // a key made on the command line has no creator: the invitation has no inviter
    Api.Resp byOperatorKey =
        api.send(
            "POST",
            "/api/v1/workspaces/current/invitations",
            Api.key(f.key(ws, "cli", List.of("admin"))),
            Map.of("email", email("by-cli-key"), "role", "reader"));
    assertThat(byOperatorKey.status()).as(byOperatorKey.toString()).isEqualTo(201);
    assertThat(byOperatorKey.json().get("invitedBy").isNull()).isTrue();
  }

  @Test
  void anAddressNoProviderHasVerifiedSeesNoInvitations() {
    User unverified = f.users.ensure(email("unverified"));
    Api.Resp invited =
        api.send(
            "POST",
            "/api/v1/workspaces/current/invitations",
            ownerSession,
            Map.of("email", unverified.email(), "role", "reader"));
    assertThat(invited.status()).isEqualTo(201);
    assertThat(mine(unverified)).isEmpty();
    assertThat(act(unverified, invited.json().get("id").asText(), "accept").status())
        .isEqualTo(404);
  }

  @Test
  void
      anAccountThatSignedInWithAnUnverifiedEmailIsInvitedNotAddedAndTheAddressOwnerIsNotLockedOut() {
    // A provider set to OIDC_ALLOW_UNVERIFIED_EMAIL lets someone sign in first with the victim's
    // address.
    String victimEmail = email("victim");
    ProviderIdentity squat =
        new ProviderIdentity(
            "https://relaxed.test", "sub-squatter-" + UUID.randomUUID(), victimEmail, false, null);
    User squatter = f.users.signIn(squat).user();

    Api.Resp added = invite(victimEmail, "editor");
    assertThat(added.status())
        .as("an unverified address is invited, not added: " + added)
        .isEqualTo(202);
    String id = added.json().get("id").asText();
    assertThat(f.tenancy.roleOf(ws, squatter.id())).isEmpty();
    assertThat(mine(squatter)).isEmpty();
    assertThat(act(squatter, id, "accept").status()).isEqualTo(404);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'member.add' AND target = ?",
                squatter.id().toString()))
        .isZero();

    // The owner of the address (a verified sign-in) is refused, never linked to the squatter's
    // account...
    assertThatThrownBy(() -> f.signIn(victimEmail))
        .isInstanceOf(IdentityConflictException.class)
        .hasMessageContaining("users release-email");
    // ...until an operator releases the address from the account no provider verified it for.
    User released = f.users.releaseEmail(victimEmail);
    assertThat(released.id()).isEqualTo(squatter.id());
    assertThat(released.email()).isEqualTo(squatter.id() + "@released.invalid");

    User victim = f.signIn(victimEmail);
    assertThat(victim.id()).isNotEqualTo(squatter.id());
    assertThat(mine(victim).findValues("id").stream().map(JsonNode::asText)).containsExactly(id);
    assertThat(act(victim, id, "accept").status()).isEqualTo(200);
    assertThat(f.tenancy.roleOf(ws, victim.id())).contains(WorkspaceRole.EDITOR);
    assertThat(f.tenancy.roleOf(ws, squatter.id())).isEmpty();
    // the squatter still reaches only their own account, and cannot take a verified address
    assertThat(f.users.signIn(squat).user().id()).isEqualTo(squatter.id());
    assertThatThrownBy(() -> f.users.releaseEmail(victimEmail))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(invite(victimEmail, "reader").status()).as("already a member").isEqualTo(409);
  }

  @Test
  void anAccountWithNoSignInYetIsAddedAtOnce() {
    // made on the command line: the first sign-in that links an identity to it must verify the
    // email
    User made = f.users.ensure(email("cli-made"));
    Api.Resp added = invite(made.email(), "reader");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(f.tenancy.roleOf(ws, made.id())).contains(WorkspaceRole.READER);
  }

  @Test
  void theOpenInvitationCapHoldsWhileAnotherInvitationIsInFlight() throws Exception {
    UUID capped = f.tenancy.create(owner.id(), "Capped", null).id();
    f.exec(
        """
        INSERT INTO invitations (workspace_id, email, role, expires_at)
        SELECT ?, 'cap-' || g || '@example.com', 'reader', now() + interval '1 day' FROM generate_series(1, ?) g
        """,
        capped,
        InvitationService.MAX_OPEN - 1);
    try (Handle h = f.jdbi.open()) {
      h.begin();
      // Another invitation to this workspace, in flight: its transaction holds the workspace lock.
      h.createQuery("SELECT id FROM workspaces WHERE id = ? FOR NO KEY UPDATE")
          .bind(0, capped)
          .mapTo(UUID.class)
          .one();
      h.execute(
          "INSERT INTO invitations (workspace_id, email, role, expires_at) VALUES (?, 'cap-last@example.com', 'reader', now() + interval '1 day')",
          capped);
      CompletableFuture<Integer> racing =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  f.invitations.invite(
                      capped, email("one-too-many"), WorkspaceRole.READER, true, owner.id());
                  return 201;
                } catch (dev.minirag.common.ApiException e) {
                  return e.status();
                }
              });
      assertThatThrownBy(() -> racing.get(1, TimeUnit.SECONDS))
          .as("waits for the workspace lock")
          .isInstanceOf(TimeoutException.class);
      h.commit();
      assertThat(racing.get(30, TimeUnit.SECONDS))
          .as("counted after the other one committed")
          .isEqualTo(409);
    }
    assertThat(f.count("SELECT count(*) FROM invitations WHERE workspace_id = ?", capped))
        .isEqualTo(InvitationService.MAX_OPEN);
  }
}
