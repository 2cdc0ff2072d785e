package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.MiniRagApplication;
import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.access.Public;
import dev.minirag.app.MiniRagConfiguration;
import dev.minirag.tenancy.WorkspaceRole;
import dev.minirag.testing.ApiResources;
import dev.minirag.testing.TestApp;
import dev.minirag.testing.TestDatabase;
import dev.minirag.users.User;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two tenants, each with a workspace, a user per role and a key per scope. Every endpoint in
 * Jersey's resource model is called by every caller of one tenant against the other tenant's
 * workspace and ids. Expectations come from each method's declaration: {@code @Public} (no auth),
 * {@code @PermitAll} (any authenticated caller) or {@code @RolesAllowed} (caller's permissions in
 * the workspace); an endpoint with none of them fails the test, so a new endpoint cannot escape it.
 *
 * <ul>
 *   <li>no credentials: 401 (public endpoints: anything but a 5xx)
 *   <li>X-Workspace-Id of the other tenant: 404
 *   <li>own workspace, other tenant's ids in the path: 404 if allowed, else 403
 *   <li>own workspace, no ids: GET 200 if allowed else 403; writes 403 if not allowed (allowed
 *       writes on one's own workspace are not cross-tenant and are skipped)
 *   <li>every response: not one of the other tenant's ids, emails, names, key prefixes or content
 *       (each tenant has a source and chunk with a secret marker; GET calls carry the other
 *       tenant's marker as q/query/question). Content endpoints that take a JSON body (search, ask)
 *       need a sample body in {@link #BODIES} that asks for the other tenant's marker.
 * </ul>
 */
class CrossTenantMatrixIT {

  static final String SECRET = TestApp.randomSecret();

  @RegisterExtension static final TestDatabase DB = new TestDatabase();

  @RegisterExtension
  static final DropwizardAppExtension<MiniRagConfiguration> APP =
      TestApp.create(MiniRagApplication.class, DB, Map.of("security.jwtSecret", SECRET));

  /**
   * Bodies that pass validation, so an allowed call reaches the tenant check (default: {}), built
   * from the tenant under attack. Content endpoints should ask for {@code other.secret()}, e.g.
   * {@code "POST /v1/search", other -> Map.of("query", other.secret())}.
   */
  static final Map<String, Function<Tenant, Object>> BODIES =
      Map.ofEntries(
          Map.entry(
              "PATCH /v1/workspaces/current/members/{userId}", other -> Map.of("role", "reader")),
          Map.entry(
              "POST /v1/workspaces/current/members",
              other -> Map.of("email", "someone@elsewhere.test", "role", "reader")),
          Map.entry(
              "POST /v1/workspaces/current/invitations",
              other -> Map.of("email", "someone@elsewhere.test", "role", "reader")),
          Map.entry("PATCH /v1/workspaces/current", other -> Map.of("name", "renamed")),
          Map.entry("POST /v1/workspaces", other -> Map.of("name", "new")),
          Map.entry("POST /v1/api-keys", other -> Map.of("name", "k", "scopes", List.of("read"))),
          Map.entry("PATCH /v1/admin/users/{id}", other -> Map.of("systemAdmin", true)),
          Map.entry(
              "PUT /v1/admin/workspaces/{workspaceId}/members/{userId}",
              other -> Map.of("role", "owner")),
          // Words of the other tenant's chunk, never its marker: answers echo the query, a leak
          // would not.
          Map.entry("POST /v1/search", other -> Map.of("query", "the hidden fact", "k", 100)),
          Map.entry("POST /v1/ask", other -> Map.of("question", "What is the hidden fact?")),
          Map.entry("POST /ask", other -> Map.of("question", "What is the hidden fact?")),
          Map.entry("POST /v1/sources/urls", other -> Map.of("urls", List.of("http://10.9.9.9/"))),
          Map.entry("POST /ingest_urls", other -> Map.of("urls", List.of("http://10.9.9.9/"))),
          Map.entry(
              "POST /v1/sources/text",
              other -> Map.of("title", "probe", "text", "probe text " + other.secret())),
          Map.entry(
              "POST /v1/sources/youtube", other -> Map.of("url", "https://youtu.be/abcdefghijk")),
          Map.entry(
              "POST /v1/sources/files",
              other -> new Api.FilePart("files", "probe.txt", "probe " + other.secret())),
          Map.entry(
              "POST /ingest_files",
              other -> new Api.FilePart("files", "probe.txt", "probe " + other.secret())),
          Map.entry("PATCH /v1/sources/{id}", other -> Map.of("resyncInterval", "daily")),
          Map.entry("PUT /v1/sources/resync-default", other -> Map.of("interval", "off")),
          // Any zip body: the matrix only sends it to callers that must be refused before it is
          // read.
          Map.entry(
              "POST /v1/workspaces/current/import",
              other -> new Api.RawBody("application/zip", new byte[] {'P', 'K', 5, 6})));

  /**
   * POST endpoints that only read: an allowed caller runs them in its own workspace with the other
   * tenant's secret and must get 200 without a byte of the other tenant's content (both search
   * legs).
   */
  static final Set<String> READING_POSTS = Set.of("POST /v1/search", "POST /v1/ask", "POST /ask");

  static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
  static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  enum Access {
    PUBLIC,
    /**
     * Public, but says more to a caller it recognises ({@code @Auth Optional<Caller>}): checked
     * anonymously like a public endpoint, and with credentials like an authenticated one.
     */
    PUBLIC_WITH_OPTIONAL_CALLER,
    AUTHENTICATED,
    ROLES
  }

  record Caller(String label, Map<String, String> headers, Set<String> permissions) {}

  /**
   * @param resourceIds the tenant's API key ids, then its source and chunk ids, its job's id, its
   *     export job's id, then its open invitation's id
   * @param secret a marker that appears only in this tenant's content (source title, chunk text)
   */
  record Tenant(
      String name,
      UUID workspace,
      UUID organization,
      List<UUID> userIds,
      List<UUID> resourceIds,
      List<String> markers,
      List<Caller> callers,
      String secret) {}

  static IdentityFixtures f;
  static Tenant a;
  static Tenant b;

  @BeforeAll
  static void tenants() {
    f = new IdentityFixtures(DB, SECRET);
    f.signIn("root@system.test"); // the first user (system admin) belongs to neither tenant
    a = tenant("tenant-a");
    b = tenant("tenant-b");
  }

  static Tenant tenant(String name) {
    String domain = "@" + name + ".test";
    User owner = f.signIn("owner" + domain);
    UUID ws = owner.defaultWorkspaceId();
    f.tenancy.rename(ws, "Workspace of " + name + " " + UUID.randomUUID());
    List<Caller> callers = new ArrayList<>();
    List<UUID> users = new ArrayList<>();
    List<String> markers = new ArrayList<>();
    Map<String, User> members = new LinkedHashMap<>();
    members.put("owner", owner);
    for (WorkspaceRole role :
        List.of(WorkspaceRole.ADMIN, WorkspaceRole.EDITOR, WorkspaceRole.READER)) {
      members.put(role.wire(), f.member(ws, role.wire() + domain, role));
    }
    members.forEach(
        (role, u) -> {
          users.add(u.id());
          markers.add(u.id().toString());
          markers.add(u.email());
          callers.add(
              new Caller(
                  name + " " + role + " (cookie)",
                  f.session(u).headers(),
                  Permissions.impliedBy(role)));
        });
    List<UUID> keyIds = new ArrayList<>();
    for (String scope : List.of("read", "write", "admin")) {
      var created = f.keys.create(ws, name + "-" + scope, List.of(scope), null, owner.id());
      keyIds.add(created.key().id());
      markers.add(created.key().id().toString());
      markers.add(created.key().prefix());
      Set<String> perms = new java.util.HashSet<>(Permissions.impliedBy(scope));
      perms.remove(Permissions.OWNER);
      callers.add(new Caller(name + " key " + scope, Api.key(created.plaintext()), perms));
    }
    // Content, so list/search/ask endpoints (when present) have something to leak: a source and a
    // chunk whose text is a marker, with the same embedding in both tenants (a vector query without
    // a
    // workspace filter would rank the other tenant's chunk equally). The chunk trigger logs it for
    // Lucene.
    String secret =
        "secretof" + name.replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    markers.add(secret);
    String vector = "[" + String.join(",", java.util.Collections.nCopies(384, "0.05")) + "]";
    f.exec(
        """
        WITH s AS (
          INSERT INTO sources (workspace_id, kind, title, content_hash, status, chunk_count, embedded_count, byte_size)
          VALUES (?, 'text', ?, ?, 'ready', 1, 1, 64) RETURNING id)
        INSERT INTO chunks (source_id, workspace_id, ordinal, text, embedding)
        SELECT s.id, ?, 0, ?, CAST(? AS vector) FROM s
        """,
        ws,
        "Title " + secret,
        secret,
        ws,
        "The hidden fact is " + secret + ".",
        vector);
    List<UUID> contentIds =
        f.jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT id FROM sources WHERE workspace_id = :ws UNION ALL SELECT id FROM chunks WHERE workspace_id = :ws")
                    .bind("ws", ws)
                    .mapTo(UUID.class)
                    .list());
    contentIds.forEach(id -> markers.add(id.toString()));
    keyIds.addAll(contentIds); // foreign ids to put in paths: keys, then the source and chunk
    // A finished job (so no worker picks it up): no caller of the other tenant may see or cancel
    // it.
    f.exec(
        "INSERT INTO jobs (workspace_id, kind, subject_id, status, finished_at) VALUES (?, 'embed', ?, 'succeeded', now())",
        ws,
        contentIds.get(0));
    UUID jobId =
        f.jdbi.withHandle(
            h ->
                h.createQuery("SELECT id FROM jobs WHERE workspace_id = :ws")
                    .bind("ws", ws)
                    .mapTo(UUID.class)
                    .one());
    keyIds.add(jobId);
    markers.add(jobId.toString());
    // A succeeded export job with its stored archive (holding the marker): only its own workspace
    // may download it.
    UUID exportJob =
        f.jdbi.withHandle(
            h ->
                h.createQuery(
                        "INSERT INTO jobs (workspace_id, kind, status, finished_at) VALUES (:ws, 'export', 'succeeded', now()) RETURNING id")
                    .bind("ws", ws)
                    .mapTo(UUID.class)
                    .one());
    byte[] archive = ("PK archive of " + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    f.jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
            WITH a AS (INSERT INTO backup_archives (workspace_id, kind, job_id, byte_size, complete)
                       VALUES (:ws, 'export', :job, :size, true) RETURNING workspace_id, id)
            INSERT INTO backup_archive_parts (workspace_id, archive_id, seq, data)
            SELECT workspace_id, id, 0, :data FROM a
            """)
                .bind("ws", ws)
                .bind("job", exportJob)
                .bind("size", archive.length)
                .bind("data", archive)
                .execute());
    keyIds.add(exportJob);
    markers.add(exportJob.toString());
    // An open invitation to someone without an account: no caller of the other tenant may see,
    // revoke,
    // accept or decline it (the invitee's own view is in InvitationsIT).
    var invitation =
        f.invitations.invite(ws, "invitee" + domain, WorkspaceRole.EDITOR, true, owner.id());
    keyIds.add(invitation.id());
    markers.add(invitation.id().toString());
    markers.add(invitation.email());
    var workspace = f.tenancy.get(ws);
    markers.add(ws.toString());
    markers.add(workspace.organizationId().toString());
    markers.add(workspace.name());
    return new Tenant(
        name, ws, workspace.organizationId(), users, keyIds, markers, callers, secret);
  }

  static Access access(ApiResources.Operation op) {
    var m = op.javaMethod();
    var c = op.resourceClass();
    if (m.isAnnotationPresent(Public.class)) {
      return takesOptionalCaller(m) ? Access.PUBLIC_WITH_OPTIONAL_CALLER : Access.PUBLIC;
    }
    if (m.isAnnotationPresent(RolesAllowed.class)) return Access.ROLES;
    if (m.isAnnotationPresent(PermitAll.class)) return Access.AUTHENTICATED;
    if (c.isAnnotationPresent(Public.class)) return Access.PUBLIC;
    if (c.isAnnotationPresent(RolesAllowed.class)) return Access.ROLES;
    if (c.isAnnotationPresent(PermitAll.class)) return Access.AUTHENTICATED;
    // The swagger OpenAPI document is third-party and public by design.
    if (c.getName().startsWith("io.swagger.")) return Access.PUBLIC;
    return null;
  }

  static boolean takesOptionalCaller(java.lang.reflect.Method m) {
    var types = m.getParameterTypes();
    var annotations = m.getParameterAnnotations();
    for (int i = 0; i < types.length; i++) {
      boolean auth =
          java.util.Arrays.stream(annotations[i])
              .anyMatch(a -> a.annotationType() == io.dropwizard.auth.Auth.class);
      if (auth && types[i] == java.util.Optional.class) {
        return true;
      }
    }
    return false;
  }

  static Set<String> roles(ApiResources.Operation op) {
    RolesAllowed r = op.javaMethod().getAnnotation(RolesAllowed.class);
    if (r == null) r = op.resourceClass().getAnnotation(RolesAllowed.class);
    return Set.of(r.value());
  }

  private final List<String> failures = new ArrayList<>();
  private int calls;
  private int skipped;

  @Test
  void noCallerReachesTheOtherTenant() {
    List<ApiResources.Operation> ops = ApiResources.operations(APP.getEnvironment());
    List<String> undeclared =
        ops.stream()
            .filter(op -> access(op) == null)
            .map(op -> op.method() + " " + op.path() + " (" + op.javaMethod() + ")")
            .toList();
    assertThat(undeclared)
        .as("endpoints that declare none of @Public, @PermitAll, @RolesAllowed")
        .isEmpty();
    // A body or reading POST keyed by an endpoint that was renamed would silently stop applying
    // (and an enumeration that found nothing would leave the matrix empty).
    assertThat(ops)
        .extracting(op -> op.method() + " " + op.path())
        .as("BODIES and READING_POSTS name endpoints that exist")
        .containsAll(BODIES.keySet())
        .containsAll(READING_POSTS);

    Api api = new Api(APP.getLocalPort());
    for (ApiResources.Operation op : ops) {
      run(api, op, a, b);
      run(api, op, b, a);
    }
    System.out.printf(
        "Cross-tenant matrix: %d endpoints x %d callers per tenant x 2 directions = %d calls"
            + " (%d allowed own-tenant writes skipped), %d failures%n",
        ops.size(), a.callers().size(), calls, skipped, failures.size());
    assertThat(failures).isEmpty();
    intact(a);
    intact(b);
  }

  @Test
  void bm25ScoresDoNotMoveWhenTheOtherTenantIngests() {
    Api api = new Api(APP.getLocalPort());
    Map<String, String> reader = a.callers().get(0).headers();
    Map<String, Object> query = Map.of("query", "the hidden fact is here", "mode", "bm25", "k", 10);
    Api.Resp before = api.send("POST", "/api/v1/search", reader, query);
    assertThat(before.status()).as(before.toString()).isEqualTo(200);
    assertThat(before.json().get("hits")).as("tenant A's own chunk is found").isNotEmpty();

    // Tenant B adds many chunks full of A's query terms: under index-wide statistics A's scores
    // would drop.
    for (int i = 0; i < 40; i++) {
      f.exec(
          """
          WITH s AS (
            INSERT INTO sources (workspace_id, kind, title, content_hash, status, chunk_count, embedded_count, byte_size)
            VALUES (?, 'text', ?, ?, 'ready', 1, 1, 64) RETURNING id)
          INSERT INTO chunks (source_id, workspace_id, ordinal, text)
          SELECT s.id, ?, 0, ? FROM s
          """,
          b.workspace(),
          "Fact sheet " + i,
          UUID.randomUUID().toString(),
          b.workspace(),
          "hidden fact ".repeat(1 + i % 4) + "here and there " + i);
    }
    Api.Resp theirs = api.send("POST", "/api/v1/search", b.callers().get(0).headers(), query);
    assertThat(theirs.json().get("hits")).as("the index holds tenant B's new chunks").hasSize(10);
    Api.Resp after = api.send("POST", "/api/v1/search", reader, query);
    assertThat(after.status()).as(after.toString()).isEqualTo(200);
    assertThat(after.json().get("hits").toString()).isEqualTo(before.json().get("hits").toString());
  }

  private void run(Api api, ApiResources.Operation op, Tenant self, Tenant other) {
    Access access = access(op);
    String key = op.method() + " " + op.path();
    Object body =
        UNSAFE.contains(op.method()) && !op.method().equals("DELETE")
            ? BODIES.getOrDefault(key, t -> Map.of()).apply(other)
            : null;
    List<String> foreignPaths = substitute(op.path(), other);

    // 1. no credentials (with and without the other tenant's workspace)
    for (Map<String, String> h :
        List.of(Map.<String, String>of(), Map.of("X-Workspace-Id", other.workspace().toString()))) {
      for (String path : foreignPaths) {
        expect(
            api,
            op,
            "anonymous",
            path,
            h,
            body,
            access == Access.PUBLIC || access == Access.PUBLIC_WITH_OPTIONAL_CALLER ? null : 401,
            other);
      }
    }
    if (access == Access.PUBLIC) {
      return; // the rest is about authenticated callers
    }
    for (Caller c : self.callers()) {
      boolean allowed =
          access == Access.AUTHENTICATED
              || access == Access.PUBLIC_WITH_OPTIONAL_CALLER
              || roles(op).stream().anyMatch(c.permissions()::contains);
      // 2. the other tenant's workspace
      Map<String, String> foreignWs =
          Api.with(c.headers(), "X-Workspace-Id", other.workspace().toString());
      for (String path : foreignPaths) {
        expect(api, op, c.label() + " +other workspace", path, foreignWs, body, 404, other);
      }
      // 3. own workspace, the other tenant's ids
      if (PARAM.matcher(op.path()).find()) {
        for (String path : foreignPaths) {
          expect(
              api,
              op,
              c.label() + " +other ids",
              path,
              c.headers(),
              body,
              allowed ? 404 : 403,
              other);
        }
      } else if (!UNSAFE.contains(op.method()) || READING_POSTS.contains(key)) {
        // 4. own workspace reads: allowed or 403, and never the other tenant's data
        for (Object variant : variants(key, body)) {
          expect(
              api,
              op,
              c.label() + " own",
              "/api" + op.path(),
              c.headers(),
              variant,
              allowed ? 200 : 403,
              other);
        }
      } else if (!allowed) {
        expect(api, op, c.label() + " own", "/api" + op.path(), c.headers(), body, 403, other);
      } else {
        skipped++;
      }
    }
  }

  /** Search runs once per leg, so a leak in the Lucene or the pgvector leg shows up on its own. */
  @SuppressWarnings("unchecked")
  private static List<Object> variants(String key, Object body) {
    if (!key.equals("POST /v1/search")) {
      return java.util.Collections.singletonList(body);
    }
    List<Object> out = new ArrayList<>();
    for (String mode : List.of("bm25", "dense", "hybrid")) {
      Map<String, Object> b = new LinkedHashMap<>((Map<String, Object>) body);
      b.put("mode", mode);
      out.add(b);
    }
    return out;
  }

  /** The path with every {param} replaced by each of the other tenant's ids in turn. */
  private static List<String> substitute(String path, Tenant other) {
    if (!PARAM.matcher(path).find()) {
      return List.of("/api" + path);
    }
    List<UUID> ids = new ArrayList<>();
    ids.add(other.workspace());
    ids.add(other.organization());
    ids.addAll(other.userIds());
    ids.addAll(other.resourceIds());
    List<String> out = new ArrayList<>();
    for (UUID id : ids) {
      Matcher m = PARAM.matcher(path);
      out.add("/api" + m.replaceAll(id.toString()));
    }
    return out;
  }

  private void expect(
      Api api,
      ApiResources.Operation op,
      String who,
      String path,
      Map<String, String> headers,
      Object body,
      Integer status,
      Tenant other) {
    calls++;
    if (op.method().equals("GET")) {
      // Search-like GET endpoints get the other tenant's secret as the query; others ignore it.
      String secret = other.secret();
      path =
          path
              + (path.contains("?") ? "&" : "?")
              + "q="
              + secret
              + "&query="
              + secret
              + "&question="
              + secret;
    }
    Api.Resp r = api.send(op.method(), path, headers, body);
    String where = op.method() + " " + path + " as " + who;
    if (status == null ? r.status() >= 500 : r.status() != status) {
      failures.add(where + ": expected " + (status == null ? "< 500" : status) + ", got " + r);
    }
    String text = r.body().toLowerCase(Locale.ROOT);
    for (String marker : other.markers()) {
      if (text.contains(marker.toLowerCase(Locale.ROOT))) {
        failures.add(where + ": response contains the other tenant's " + marker);
      }
    }
  }

  private static void intact(Tenant t) {
    assertThat(f.tenancy.find(t.workspace())).as(t.name() + " workspace").isPresent();
    assertThat(f.tenancy.members(t.workspace())).as(t.name() + " members").hasSize(4);
    assertThat(f.keys.list(t.workspace()).stream().filter(k -> k.revokedAt() == null))
        .as(t.name() + " active keys")
        .hasSize(3);
    assertThat(f.tenancy.get(t.workspace()).name()).startsWith("Workspace of " + t.name());
    assertThat(f.invitations.list(t.workspace()))
        .as(t.name() + " open invitation")
        .singleElement()
        .satisfies(i -> assertThat(i.email()).isEqualTo("invitee@" + t.name() + ".test"));
  }
}
