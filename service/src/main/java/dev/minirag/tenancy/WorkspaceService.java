package dev.minirag.tenancy;

import dev.minirag.common.ApiException;
import java.util.UUID;

/**
 * Picks the workspace a request acts on: the {@code X-Workspace-Id} header when given, otherwise
 * the default workspace. The identity work replaces this with membership checks per caller.
 */
public class WorkspaceService {
  public static final String HEADER = "X-Workspace-Id";

  private final WorkspaceDao dao;
  private final UUID defaultWorkspace;

  public WorkspaceService(WorkspaceDao dao) {
    this.dao = dao;
    this.defaultWorkspace = dao.ensureDefault();
  }

  public UUID defaultWorkspace() {
    return defaultWorkspace;
  }

  public UUID resolve(String header) {
    if (header == null || header.isBlank()) {
      return defaultWorkspace;
    }
    UUID id;
    try {
      id = UUID.fromString(header.trim());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(HEADER + " must be a workspace id (UUID)");
    }
    return dao.findId(id).orElseThrow(() -> ApiException.notFound("Workspace not found"));
  }

  /** A throwaway workspace, e.g. for an evaluation run; remove it with {@link #delete}. */
  public UUID createTemporary(String name) {
    return dao.insertWorkspace(dao.insertOrganization(name), name);
  }

  public void delete(UUID workspaceId) {
    dao.delete(workspaceId);
  }
}
