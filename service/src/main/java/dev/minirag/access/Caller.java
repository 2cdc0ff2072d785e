package dev.minirag.access;

import dev.minirag.common.ApiException;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * The one principal type: who is calling (a user through the session cookie, or an API key), the
 * workspace this request acts on (from {@code X-Workspace-Id}, the user's default workspace, or the
 * key's bound workspace) and the caller's effective permissions there ({@link Permissions}).
 *
 * @param userId the user; for an API key, the user who created it (may be null)
 * @param apiKeyId the key, or null for a cookie caller
 * @param workspaceId the resolved workspace, or null when a user has none (then no workspace
 *     permission)
 * @param role the member's role name in that workspace, or null for keys
 * @param sessionId the session JWT's id (jti), or null for keys
 */
public record Caller(
    UUID userId,
    UUID apiKeyId,
    String email,
    boolean systemAdmin,
    UUID workspaceId,
    String role,
    Set<String> permissions,
    String sessionId)
    implements Principal {

  public Caller {
    permissions = Set.copyOf(permissions);
  }

  public boolean isApiKey() {
    return apiKeyId != null;
  }

  public boolean can(String permission) {
    return permissions.contains(permission);
  }

  /** The workspace this request acts on; 404 when the caller has none. */
  public UUID workspace() {
    if (workspaceId == null) {
      throw ApiException.notFound("Workspace not found");
    }
    return workspaceId;
  }

  /** The signed-in user; API keys act for a workspace, not a person, so they get 403 here. */
  public UUID requireUser() {
    if (isApiKey() || userId == null) {
      throw new ApiException(403, "This action needs a signed-in user, not an API key");
    }
    return userId;
  }

  @Override
  public String getName() {
    return isApiKey() ? "api-key:" + apiKeyId : email;
  }
}
