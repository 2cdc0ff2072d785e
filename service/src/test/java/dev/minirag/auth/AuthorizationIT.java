package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minirag.MiniRagApplication;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.tenancy.WorkspaceRole;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keys, sessions, roles, workspaces, members, admin and audit through the running service. */
class AuthorizationIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(MiniRagApplication.class, DB, Map.of("security.jwtSecret", SECRET));

  static IdentityFixtures f;
  static User root;
  static User owner;
  static UUID ws;

  @BeforeAll
  static void setUp() {
    f = new IdentityFixtures(DB, SECRET);
    root = f.signIn("root@example.com");
    owner = f.signIn("owner@example.com");
    ws = owner.defaultWorkspaceId();
  }

  private Api api() {
    return new Api(APP.getLocalPort());
  }

  private Map<String, String> as(User u) {
    return f.session(u).headers();
  }

  private static void errorShape(Api.Resp r, int status) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    JsonNode b = r.json();
    assertThat(b.get("code").asInt()).isEqualTo(status);
    assertThat(b.get("message").textValue()).isNotBlank();
    assertThat(b.get("requestId").asText()).isEqualTo(r.header("X-Request-Id"));
  }

  @Test
  void unauthenticatedIs401InTheErrorShapeAndPublicEndpointsStayOpen() {
    errorShape(api().get("/api/v1/me", Map.of()), 401);
    errorShape(
        api().get("/api/v1/workspaces", Map.of("Cookie", "__Host-minirag_session=garbage")), 401);
    assertThat(api().get("/api/v1/health", Map.of()).status()).isEqualTo(200);
    assertThat(api().get("/api/v1/version", Map.of()).status()).isEqualTo(200);
    // the development sign-in link does not exist outside development mode
    errorShape(api().get("/api/v1/auth/dev-login?token=" + "0".repeat(64), Map.of()), 404);
    assertThat(api().get("/api/v1/auth/providers", Map.of()).json().get("devLogin").asBoolean())
        .isFalse();
  }

  @Test
  void tamperedSessionTokensAreRefused() {
    String token = f.session(owner).token();
    String[] p = token.split("\\.");
    String none =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes())
            + "."
            + p[1]
            + ".";
    String wrongKey = new IdentityFixtures(DB, TestApp.randomSecret()).session(owner).token();
    String edited =
        p[0]
            + "."
            + p[1].substring(0, p[1].length() - 2)
            + (p[1].endsWith("A") ? "BB" : "AA")
            + "."
            + p[2];
    for (String t : List.of(none, wrongKey, edited)) {
      errorShape(api().get("/api/v1/me", Map.of("Cookie", "__Host-minirag_session=" + t)), 401);
    }
    assertThat(
            api().get("/api/v1/me", Map.of("Cookie", "__Host-minirag_session=" + token)).status())
        .isEqualTo(200);
  }

  @Test
  void apiKeyLifecycleThroughTheApi() {
    Map<String, String> admin = as(owner);
    Api.Resp created =
        api()
            .send(
                "POST",
                "/api/v1/api-keys",
                admin,
                Map.of("name", "ci", "scopes", List.of("read", "write"), "expiresDays", 30));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String key = created.json().get("apiKey").asText();
    String id = created.json().get("key").get("id").asText();
    assertThat(key).matches("mrk_[a-z0-9]{12}_[0-9a-f]{64}");
    // expiresDays 30: a key without an expiry would answer null, which asText() reads as "null".
    assertThat(Instant.parse(created.json().get("key").get("expiresAt").textValue()))
        .isBetween(
            Instant.now().plus(Duration.ofDays(30)).minus(Duration.ofMinutes(5)),
            Instant.now().plus(Duration.ofDays(30)));

    Api.Resp list = api().get("/api/v1/api-keys", admin);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains(id).doesNotContain(key).doesNotContain(key.substring(18));
    assertThat(f.count("SELECT count(*) FROM api_keys WHERE secret_hash = ?", key.substring(18)))
        .isZero();

    // both header forms work; the key acts in its own workspace with its scopes
    JsonNode me = api().get("/api/v1/me", Api.key(key)).json();
    assertThat(me.get("workspaceId").asText()).isEqualTo(ws.toString());
    assertThat(me.get("apiKeyId").asText()).isEqualTo(id);
    assertThat(me.get("permissions").toString())
        .contains("read")
        .contains("write")
        .doesNotContain("admin");
    assertThat(
            api()
                .get("/api/v1/workspaces/current", Map.of("Authorization", "ApiKey " + key))
                .status())
        .isEqualTo(200);
    // a write key cannot manage keys: 403; a key cannot name another workspace: 404
    errorShape(api().get("/api/v1/api-keys", Api.key(key)), 403);
    errorShape(
        api()
            .get(
                "/api/v1/workspaces/current",
                Api.with(Api.key(key), "X-Workspace-Id", root.defaultWorkspaceId().toString())),
        404);
    // API-key requests need no CSRF token
    assertThat(
            api()
                .send(
                    "PATCH",
                    "/api/v1/workspaces/current",
                    Api.key(f.key(ws, "adm", List.of("admin"))),
                    Map.of("name", "Renamed by key"))
                .status())
        .isEqualTo(200);

    Api.Resp revoked = api().send("DELETE", "/api/v1/api-keys/" + id, admin, null);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().get("revokedAt").isNull()).isFalse();
    errorShape(api().get("/api/v1/me", Api.key(key)), 401);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action IN ('api_key.create', 'api_key.revoke') AND target = ?",
                id))
        .isEqualTo(2);
  }

  @Test
  void expiredAndMalformedKeysAreRefused() throws InterruptedException {
    String key = f.key(ws, "old", List.of("read"));
    assertThat(api().get("/api/v1/me", Api.key(key)).status()).isEqualTo(200);
    f.exec(
        "UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE prefix = ?",
        key.substring(4, 16));
    // Changed behind the node's back (as another node or an operator would): seen within the TTL.
    refusedWithinCacheTtl(key);
    errorShape(api().get("/api/v1/me", Api.key("mrk_nope")), 401);
    String wrongSecret = key.substring(0, 17) + "0".repeat(64);
    errorShape(api().get("/api/v1/me", Api.key(wrongSecret)), 401);
  }

  @Test
  void aKeyRevokedElsewhereStopsWithinTheCacheTtl() throws InterruptedException {
    String key = f.key(ws, "elsewhere", List.of("read"));
    assertThat(api().get("/api/v1/me", Api.key(key)).status()).isEqualTo(200);
    UUID id = f.keys.verify(key).orElseThrow().id();
    // f.keys is another ApiKeyService, as on another node or in the operator's command.
    assertThat(f.keys.revokeAny(id)).isTrue();
    refusedWithinCacheTtl(key);
  }

  /** A key changed outside this node answers 401 within auth.apiKeyCacheTtl, and then for good. */
  private void refusedWithinCacheTtl(String key) throws InterruptedException {
    java.time.Duration ttl = APP.getConfiguration().getAuth().getApiKeyCacheTtl();
    long deadline = System.nanoTime() + ttl.toNanos() + 1_000_000_000L;
    while (api().get("/api/v1/me", Api.key(key)).status() == 200) {
      assertThat(System.nanoTime()).as("still accepted after the cache TTL").isLessThan(deadline);
      Thread.sleep(100);
    }
    errorShape(api().get("/api/v1/me", Api.key(key)), 401);
  }

  @Test
  void lastUsedIsRecordedWithoutAWritePerRequest() {
    String key = f.key(ws, "usage", List.of("read"));
    String prefix = key.substring(4, 16);
    api().get("/api/v1/me", Api.key(key));
    long first =
        f.count(
            "SELECT (extract(epoch FROM last_used_at) * 1000000)::bigint FROM api_keys WHERE prefix = ?",
            prefix);
    api().get("/api/v1/me", Api.key(key));
    long second =
        f.count(
            "SELECT (extract(epoch FROM last_used_at) * 1000000)::bigint FROM api_keys WHERE prefix = ?",
            prefix);
    assertThat(first).isPositive().isEqualTo(second);
  }

  @Test
  void theKeyDecidesWhenBothAKeyAndACookieArrive() {
    User other = f.signIn("precedence@example.com");
    String key = f.key(ws, "prec", List.of("read"));
    Map<String, String> both = Api.with(as(other), "X-API-Key", key);
    JsonNode me = api().get("/api/v1/me", both).json();
    assertThat(me.get("apiKeyId").isNull()).isFalse();
    assertThat(me.get("workspaceId").asText()).isEqualTo(ws.toString());
    // a bad key is not rescued by a valid cookie
    errorShape(api().get("/api/v1/me", Api.with(as(other), "X-API-Key", "mrk_bad")), 401);
  }

  @Test
  void demotionAndRemovalTakeEffectOnTheNextRequest() {
    User editor = f.member(ws, "demoted@example.com", WorkspaceRole.ADMIN);
    Map<String, String> session = as(editor);
    Map<String, String> inWs = Api.with(session, "X-Workspace-Id", ws.toString());
    assertThat(api().get("/api/v1/api-keys", inWs).status()).isEqualTo(200);
    Api.Resp demote =
        api()
            .send(
                "PATCH",
                "/api/v1/workspaces/current/members/" + editor.id(),
                as(owner),
                Map.of("role", "reader"));
    assertThat(demote.status()).as(demote.toString()).isEqualTo(200);
    errorShape(api().get("/api/v1/api-keys", inWs), 403);
    assertThat(api().get("/api/v1/workspaces/current/members", inWs).status()).isEqualTo(200);
    assertThat(
            api()
                .send(
                    "DELETE", "/api/v1/workspaces/current/members/" + editor.id(), as(owner), null)
                .status())
        .isEqualTo(204);
    errorShape(api().get("/api/v1/workspaces/current/members", inWs), 404);
    // system admin flag too
    User promoted = f.signIn("promoted@example.com");
    Map<String, String> p = as(promoted);
    errorShape(api().get("/api/v1/admin/stats", p), 403);
    assertThat(
            api()
                .send(
                    "PATCH",
                    "/api/v1/admin/users/" + promoted.id(),
                    as(root),
                    Map.of("systemAdmin", true))
                .status())
        .isEqualTo(200);
    assertThat(api().get("/api/v1/admin/stats", p).status()).isEqualTo(200);
    assertThat(
            api()
                .send(
                    "PATCH",
                    "/api/v1/admin/users/" + promoted.id(),
                    as(root),
                    Map.of("systemAdmin", false))
                .status())
        .isEqualTo(200);
    errorShape(api().get("/api/v1/admin/stats", p), 403);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'member.remove' AND target = ?",
                editor.id().toString()))
        .isEqualTo(1);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'user.system_admin_change' AND target = ? AND actor_user_id = ?",
                promoted.id().toString(),
                root.id()))
        .isEqualTo(2);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'member.role_change' AND target = ? AND request_id IS NOT NULL AND ip IS NOT NULL",
                editor.id().toString()))
        .isEqualTo(1);
  }

  @Test
  void csrfIsRequiredForCookieWritesOnly() {
    f.session(owner);
    var s = f.session(owner);
    Map<String, String> cookieOnly =
        Map.of("Cookie", "__Host-minirag_session=" + s.token() + "; csrf_token=" + s.csrf());
    errorShape(api().send("POST", "/api/v1/workspaces", cookieOnly, Map.of("name", "x")), 403);
    errorShape(
        api()
            .send(
                "POST",
                "/api/v1/workspaces",
                Api.with(cookieOnly, "X-CSRF-Token", "forged"),
                Map.of("name", "x")),
        403);
    // another session's CSRF token does not fit this session
    errorShape(
        api()
            .send(
                "POST",
                "/api/v1/workspaces",
                Api.with(cookieOnly, "X-CSRF-Token", f.session(owner).csrf()),
                Map.of("name", "x")),
        403);
    assertThat(api().get("/api/v1/workspaces", cookieOnly).status()).isEqualTo(200);
    assertThat(
            f.count(
                "SELECT count(*) FROM audit_events WHERE action = 'auth.failed' AND details->>'reason' = 'csrf'"))
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void workspaceLifecycleMembersAndTheLastOwner() {
    User boss = f.signIn("boss@example.com");
    Map<String, String> s = as(boss);
    Api.Resp created = api().send("POST", "/api/v1/workspaces", s, Map.of("name", "Project X"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("id").asText();
    Map<String, String> inX = Api.with(s, "X-Workspace-Id", id);
    assertThat(api().get("/api/v1/workspaces", s).body()).contains(id).contains("Project X");
    assertThat(
            api()
                .send("PATCH", "/api/v1/workspaces/current", inX, Map.of("name", "Project Y"))
                .json()
                .get("name")
                .asText())
        .isEqualTo("Project Y");
    errorShape(api().send("PATCH", "/api/v1/workspaces/current", inX, Map.of("name", "")), 422);

    // someone with an account is added at once (people without one are invited: InvitationsIT)
    f.signIn("helper@example.com");
    Api.Resp added =
        api()
            .send(
                "POST",
                "/api/v1/workspaces/current/members",
                inX,
                Map.of("email", "Helper@Example.com", "role", "editor"));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.json().get("email").asText()).isEqualTo("helper@example.com");
    errorShape(
        api()
            .send(
                "POST",
                "/api/v1/workspaces/current/members",
                inX,
                Map.of("email", "helper@example.com", "role", "editor")),
        409);
    errorShape(
        api()
            .send(
                "POST",
                "/api/v1/workspaces/current/members",
                inX,
                Map.of("email", "x@example.com", "role", "king")),
        400);
    String helper = added.json().get("userId").asText();
    // the last owner can neither leave nor be demoted
    errorShape(
        api().send("DELETE", "/api/v1/workspaces/current/members/" + boss.id(), inX, null), 409);
    errorShape(
        api()
            .send(
                "PATCH",
                "/api/v1/workspaces/current/members/" + boss.id(),
                inX,
                Map.of("role", "admin")),
        409);
    // an admin cannot touch owners
    api()
        .send(
            "PATCH", "/api/v1/workspaces/current/members/" + helper, inX, Map.of("role", "admin"));
    User h = f.users.findByEmail("helper@example.com").orElseThrow();
    Map<String, String> helperInX = Api.with(as(h), "X-Workspace-Id", id);
    errorShape(
        api()
            .send(
                "PATCH",
                "/api/v1/workspaces/current/members/" + boss.id(),
                helperInX,
                Map.of("role", "reader")),
        403);
    errorShape(api().send("DELETE", "/api/v1/workspaces/current", helperInX, null), 403);
    // with a second owner, the first may step down
    api()
        .send(
            "PATCH", "/api/v1/workspaces/current/members/" + helper, inX, Map.of("role", "owner"));
    assertThat(
            api()
                .send(
                    "PATCH",
                    "/api/v1/workspaces/current/members/" + boss.id(),
                    inX,
                    Map.of("role", "admin"))
                .status())
        .isEqualTo(200);

    assertThat(api().send("DELETE", "/api/v1/workspaces/current", helperInX, null).status())
        .isEqualTo(204);
    errorShape(api().get("/api/v1/workspaces/current", inX), 404);
    for (String action :
        List.of(
            "workspace.create",
            "workspace.rename",
            "member.add",
            "member.role_change",
            "workspace.delete")) {
      assertThat(f.count("SELECT count(*) FROM audit_events WHERE action = ?", action))
          .as(action)
          .isPositive();
    }
  }

  @Test
  void keysCannotCreateWorkspaces() {
    errorShape(
        api()
            .send(
                "POST",
                "/api/v1/workspaces",
                Api.key(f.key(ws, "k", List.of("admin"))),
                Map.of("name", "nope")),
        403);
  }

  @Test
  void adminEndpointsForSystemAdminsOnly() {
    Map<String, String> r = as(root);
    JsonNode stats = api().get("/api/v1/admin/stats", r).json();
    assertThat(stats.get("users").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(stats.get("workspaces").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(api().get("/api/v1/admin/users?q=owner@", r).json().get("items")).hasSize(1);
    JsonNode wss = api().get("/api/v1/admin/workspaces", r).json().get("items");
    assertThat(wss.toString()).contains("owner@example.com").contains("storageBytes");
    // A failed sign-in of this test's own, so the filtered list has something to show.
    assertThat(
            api()
                .get("/api/v1/me", Api.key("mrk_" + "x".repeat(12) + "_" + "0".repeat(64)))
                .status())
        .isEqualTo(401);
    JsonNode audit = api().get("/api/v1/admin/audit?action=auth.failed&limit=5", r).json();
    assertThat(audit.get("limit").asInt()).isEqualTo(5);
    assertThat(audit.get("items"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("auth.failed"));
    assertThat(api().get("/api/v1/admin/audit?from=yesterday", r).status()).isEqualTo(400);
    String now = java.time.Instant.now().plusSeconds(60).toString();
    assertThat(api().get("/api/v1/admin/audit?from=" + now, r).json().get("items")).isEmpty();
    errorShape(
        api().send("PATCH", "/api/v1/admin/users/" + root.id(), r, Map.of("systemAdmin", false)),
        409);
    // a system admin sets a role in any workspace (adding the user), the last owner rule still
    // holds
    User outsider = f.signIn("outsider@example.com");
    Api.Resp put =
        api()
            .send(
                "PUT",
                "/api/v1/admin/workspaces/" + ws + "/members/" + outsider.id(),
                r,
                Map.of("role", "editor"));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(f.tenancy.roleOf(ws, outsider.id())).contains(WorkspaceRole.EDITOR);
    assertThat(
            api()
                .send(
                    "PUT",
                    "/api/v1/admin/workspaces/" + ws + "/members/" + outsider.id(),
                    r,
                    Map.of("role", "reader"))
                .json()
                .get("role")
                .asText())
        .isEqualTo("reader");
    errorShape(
        api()
            .send(
                "PUT",
                "/api/v1/admin/workspaces/" + UUID.randomUUID() + "/members/" + outsider.id(),
                r,
                Map.of("role", "reader")),
        404);
    User soleOwner = f.signIn("sole@example.com");
    errorShape(
        api()
            .send(
                "PUT",
                "/api/v1/admin/workspaces/"
                    + soleOwner.defaultWorkspaceId()
                    + "/members/"
                    + soleOwner.id(),
                r,
                Map.of("role", "reader")),
        409);
    errorShape(api().get("/api/v1/admin/users", as(owner)), 403);
    errorShape(api().get("/api/v1/admin/users", Api.key(f.key(ws, "adm2", List.of("admin")))), 403);
  }
}
