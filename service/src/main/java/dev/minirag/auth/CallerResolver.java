package dev.minirag.auth;

import dev.minirag.access.Caller;
import dev.minirag.access.Permissions;
import dev.minirag.apikeys.ApiKeyRow;
import dev.minirag.apikeys.ApiKeyService;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import dev.minirag.common.ApiException;
import dev.minirag.tenancy.TenancyService;
import dev.minirag.tenancy.WorkspaceRole;
import dev.minirag.users.User;
import dev.minirag.users.UserService;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns request credentials into a {@link Caller}. An API key, when present, decides alone (a bad
 * key is 401 even with a valid cookie). Cookie callers are re-read from the database on every
 * request, so a demotion, removal or system-admin change takes effect on the next request; no
 * cache.
 */
public class CallerResolver {

  /** What the filter extracted from the request. */
  public record Credentials(
      String apiKey,
      String sessionToken,
      String workspaceHeader,
      String method,
      String csrfHeader) {

    boolean present() {
      return apiKey != null || sessionToken != null;
    }
  }

  private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final ApiKeyService keys;
  private final SessionTokens tokens;
  private final SessionDao sessions;
  private final UserService users;
  private final TenancyService tenancy;
  private final AuditLog audit;
  private final FailedAuthAudit failures;

  public CallerResolver(
      ApiKeyService keys,
      SessionTokens tokens,
      SessionDao sessions,
      UserService users,
      TenancyService tenancy,
      AuditLog audit,
      FailedAuthAudit failures) {
    this.keys = keys;
    this.tokens = tokens;
    this.sessions = sessions;
    this.users = users;
    this.tenancy = tenancy;
    this.audit = audit;
    this.failures = failures;
  }

  /**
   * Empty means unauthenticated (401); throws 403 for a CSRF failure and 404 for a foreign
   * workspace.
   */
  public Optional<Caller> resolve(Credentials c) {
    if (c.apiKey() != null) {
      return byKey(c);
    }
    if (c.sessionToken() != null) {
      return bySession(c);
    }
    return Optional.empty();
  }

  private Optional<Caller> byKey(Credentials c) {
    Optional<ApiKeyRow> found = keys.verify(c.apiKey());
    if (found.isEmpty()) {
      failed("api_key", "invalid, revoked or expired key");
      return Optional.empty();
    }
    ApiKeyRow key = found.get();
    // A key is bound to its workspace: naming another one is "not found", like any foreign id.
    if (c.workspaceHeader() != null
        && !key.workspaceId().toString().equalsIgnoreCase(c.workspaceHeader().trim())) {
      throw workspaceNotFound();
    }
    Set<String> perms = new LinkedHashSet<>();
    for (String scope : key.scopes()) {
      perms.addAll(Permissions.impliedBy(scope));
    }
    perms.remove(Permissions.OWNER);
    if (key.createdBy() != null) {
      // A key never acts beyond its creator's role as it is now: a demotion narrows it at once,
      // a removal disables it. (Keys made by an operator on the command line have no creator.)
      Optional<WorkspaceRole> creatorRole = tenancy.roleOf(key.workspaceId(), key.createdBy());
      if (creatorRole.isEmpty()) {
        failed("api_key", "the key's creator is no longer a member of its workspace");
        return Optional.empty();
      }
      perms.retainAll(creatorRole.get().permissions());
    }
    return Optional.of(
        new Caller(key.createdBy(), key.id(), null, false, key.workspaceId(), null, perms, null));
  }

  private Optional<Caller> bySession(Credentials c) {
    Optional<SessionTokens.Session> session = tokens.verify(c.sessionToken());
    if (session.isEmpty() || sessions.isRevoked(session.get().jti())) {
      failed("session", session.isEmpty() ? "invalid or expired token" : "revoked token");
      return Optional.empty();
    }
    Optional<User> user = users.find(session.get().userId());
    if (user.isEmpty()) {
      failed("session", "unknown user");
      return Optional.empty();
    }
    if (UNSAFE.contains(c.method()) && !tokens.csrfMatches(session.get().jti(), c.csrfHeader())) {
      audit.record(
          user.get().id(),
          null,
          AuditActions.AUTH_FAILED,
          null,
          null,
          Map.of("method", "session", "reason", "csrf"));
      throw new ApiException(
          403, "Missing or invalid CSRF token: send the csrf_token cookie's value as X-CSRF-Token");
    }
    User u = user.get();
    if (session.get().version() != users.tokenVersion(u.id())) {
      failed("session", "signed out everywhere");
      return Optional.empty();
    }
    UUID workspace =
        c.workspaceHeader() != null ? parseWorkspace(c.workspaceHeader()) : u.defaultWorkspaceId();
    Set<String> perms = new LinkedHashSet<>();
    String roleName = null;
    if (workspace != null) {
      Optional<WorkspaceRole> role = tenancy.roleOf(workspace, u.id());
      if (role.isEmpty()) {
        if (c.workspaceHeader() != null) {
          throw workspaceNotFound();
        }
        workspace = null; // a stale default: no workspace until the user picks one
      } else {
        roleName = role.get().wire();
        perms.addAll(role.get().permissions());
      }
    }
    if (u.systemAdmin()) {
      perms.add(Permissions.SYSTEM_ADMIN);
    }
    return Optional.of(
        new Caller(
            u.id(),
            null,
            u.email(),
            u.systemAdmin(),
            workspace,
            roleName,
            perms,
            session.get().jti().toString()));
  }

  private static UUID parseWorkspace(String header) {
    try {
      return UUID.fromString(header.trim());
    } catch (IllegalArgumentException e) {
      throw workspaceNotFound();
    }
  }

  private static ApiException workspaceNotFound() {
    return ApiException.notFound("Workspace not found");
  }

  /** Anyone can cause these as fast as they can send requests: written through the throttle. */
  private void failed(String method, String reason) {
    failures.failed(null, method, reason);
  }
}
