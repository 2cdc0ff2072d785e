package dev.minirag.tenancy;

import dev.minirag.common.ApiException;
import java.util.List;
import java.util.UUID;

/** Workspace lookups for operator commands and throwaway workspaces (evaluation runs). */
public class WorkspaceService {

  private final WorkspaceDao dao;

  public WorkspaceService(WorkspaceDao dao) {
    this.dao = dao;
  }

  /**
   * The workspace an operator command acts on: the given id, or the only workspace when there is
   * exactly one (a fresh single-team install).
   */
  public UUID forOperator(String id) {
    if (id != null && !id.isBlank()) {
      UUID parsed;
      try {
        parsed = UUID.fromString(id.trim());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("--workspace must be a workspace id (UUID)");
      }
      return dao.findId(parsed)
          .orElseThrow(() -> ApiException.notFound("Workspace " + parsed + " not found"));
    }
    List<UUID> all = dao.firstTwo();
    if (all.size() != 1) {
      throw ApiException.badRequest(
          all.isEmpty()
              ? "There is no workspace yet: sign in once, or create one with `workspaces create`"
              : "Several workspaces exist: pass --workspace ID");
    }
    return all.get(0);
  }

  /**
   * A throwaway workspace in its own organization, e.g. for an evaluation run; see {@link #delete}.
   */
  public UUID createTemporary(String name) {
    return dao.insertWorkspace(dao.insertOrganization(name), name);
  }

  /** Deletes the workspace (its sources and chunks cascade) and its organization if now empty. */
  public void delete(UUID workspaceId) {
    dao.deleteWithEmptyOrganization(workspaceId);
  }
}
