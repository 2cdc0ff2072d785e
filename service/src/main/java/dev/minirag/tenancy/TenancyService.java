package dev.minirag.tenancy;

import dev.minirag.common.ApiException;
import dev.minirag.users.User;
import dev.minirag.users.UserService;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Workspaces and memberships. Every method takes the workspace the caller was resolved to. */
public class TenancyService {
  private final TenancyDao dao;
  private final UserService users;

  public TenancyService(TenancyDao dao, UserService users) {
    this.dao = dao;
    this.users = users;
  }

  public Optional<WorkspaceRole> roleOf(UUID workspaceId, UUID userId) {
    return dao.roleOf(workspaceId, userId).map(WorkspaceRole::parse);
  }

  public Optional<Workspace> find(UUID workspaceId) {
    return dao.findWorkspace(workspaceId);
  }

  public Workspace get(UUID workspaceId) {
    return dao.findWorkspace(workspaceId)
        .orElseThrow(() -> ApiException.notFound("Workspace not found"));
  }

  public List<MyWorkspace> workspacesOf(UUID userId) {
    return dao.workspacesOf(userId);
  }

  /**
   * Creates a workspace owned by the user. It joins {@code organizationId} when given, else a new
   * organization of the same name. The user's default workspace is set when they have none.
   */
  public Workspace create(UUID ownerId, String name, UUID organizationId) {
    String clean = cleanName(name);
    Workspace ws =
        dao.inTransaction(
            t -> {
              UUID org = organizationId != null ? organizationId : t.insertOrganization(clean);
              Workspace created = t.insertWorkspace(org, clean);
              t.insertMembership(created.id(), ownerId, WorkspaceRole.OWNER.wire());
              return created;
            });
    users
        .find(ownerId)
        .filter(u -> u.defaultWorkspaceId() == null)
        .ifPresent(u -> users.setDefaultWorkspace(ownerId, ws.id()));
    return ws;
  }

  /** Operator command: a workspace for the owner with this email (created if unknown). */
  public Workspace createForEmail(String ownerEmail, String name) {
    User owner = users.ensure(ownerEmail);
    return create(owner.id(), name, null);
  }

  public Workspace rename(UUID workspaceId, String name) {
    dao.renameWorkspace(workspaceId, cleanName(name));
    return get(workspaceId);
  }

  /** The one delete path: see {@link TenancyDao#deleteWorkspace}. */
  public void delete(UUID workspaceId) {
    if (dao.deleteWorkspace(workspaceId) == 0) {
      throw ApiException.notFound("Workspace not found");
    }
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
      return get(parsed).id();
    }
    List<UUID> all = dao.firstTwoWorkspaceIds();
    if (all.size() != 1) {
      throw ApiException.badRequest(
          all.isEmpty()
              ? "There is no workspace yet: sign in once, or create one with `workspaces create`"
              : "Several workspaces exist: pass --workspace ID");
    }
    return all.get(0);
  }

  /**
   * A throwaway workspace in its own organization, e.g. for an evaluation run; {@link #delete}
   * removes both.
   */
  public UUID createTemporary(String name) {
    return dao.insertWorkspace(dao.insertOrganization(name), cleanName(name)).id();
  }

  public List<Member> members(UUID workspaceId) {
    return dao.members(workspaceId);
  }

  /**
   * Adds the user with this email, who must have an account (404 otherwise: people without one are
   * invited, see InvitationService). Only an owner may make another owner.
   */
  public Member addMember(
      UUID workspaceId, String email, WorkspaceRole role, boolean actorIsOwner) {
    requireOwnerFor(role, actorIsOwner);
    User user =
        users
            .findByEmail(email)
            .orElseThrow(() -> ApiException.notFound("No account with this email"));
    if (dao.insertMembership(workspaceId, user.id(), role.wire()) == 0) {
      throw new ApiException(409, "Already a member", java.util.Map.of("userId", user.id()));
    }
    if (user.defaultWorkspaceId() == null) {
      users.setDefaultWorkspace(user.id(), workspaceId);
    }
    return dao.member(workspaceId, user.id()).orElseThrow();
  }

  /**
   * Changes a role; an owner's role or the owner role only by an owner; never demotes the last
   * owner.
   */
  public Member changeRole(
      UUID workspaceId, UUID userId, WorkspaceRole role, boolean actorIsOwner) {
    return dao.inTransaction(
        t -> {
          WorkspaceRole current = current(t, workspaceId, userId);
          requireOwnerFor(role, actorIsOwner);
          requireOwnerFor(current, actorIsOwner);
          if (current == WorkspaceRole.OWNER
              && role != WorkspaceRole.OWNER
              && t.lockAndCountOwners(workspaceId) <= 1) {
            throw new ApiException(409, "A workspace must keep at least one owner");
          }
          t.updateRole(workspaceId, userId, role.wire());
          return t.member(workspaceId, userId).orElseThrow();
        });
  }

  /**
   * System administration: give a user this role in a workspace, adding them if needed (last-owner
   * rule holds).
   */
  public Member setRole(UUID workspaceId, UUID userId, WorkspaceRole role) {
    get(workspaceId);
    users.find(userId).orElseThrow(() -> ApiException.notFound("User not found"));
    if (dao.roleOf(workspaceId, userId).isPresent()) {
      return changeRole(workspaceId, userId, role, true);
    }
    dao.insertMembership(workspaceId, userId, role.wire());
    return dao.member(workspaceId, userId).orElseThrow();
  }

  public void removeMember(UUID workspaceId, UUID userId, boolean actorIsOwner) {
    dao.useTransaction(
        t -> {
          WorkspaceRole current = current(t, workspaceId, userId);
          requireOwnerFor(current, actorIsOwner);
          if (current == WorkspaceRole.OWNER && t.lockAndCountOwners(workspaceId) <= 1) {
            throw new ApiException(409, "The last owner cannot be removed");
          }
          t.deleteMembership(workspaceId, userId);
        });
  }

  private static WorkspaceRole current(TenancyDao t, UUID workspaceId, UUID userId) {
    return t.roleOf(workspaceId, userId)
        .map(WorkspaceRole::parse)
        .orElseThrow(() -> ApiException.notFound("Member not found"));
  }

  static void requireOwnerFor(WorkspaceRole role, boolean actorIsOwner) {
    if (role == WorkspaceRole.OWNER && !actorIsOwner) {
      throw new ApiException(403, "Only an owner can grant, change or remove the owner role");
    }
  }

  static String cleanName(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 200) {
      throw ApiException.unprocessable(
          "Workspace name must be 1 to 200 characters", java.util.Map.of("field", "name"));
    }
    return n;
  }
}
