package dev.minirag.tenancy;

import dev.minirag.common.ApiException;
import dev.minirag.users.User;
import dev.minirag.users.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations: how a workspace adds someone who has no account yet. The person signs in (getting
 * their own workspace like anyone), sees the invitations addressed to their verified email, and
 * accepts (becoming a member with the invited role) or declines. Admins list and revoke them.
 */
public class InvitationService {
  /** Open invitations a workspace may hold at once (bounds what one admin or key can create). */
  public static final int MAX_OPEN = 500;

  /** Invitations shown to one person at once. */
  static final int MAX_MINE = 100;

  /** Adding by email: a member when an account owns the address, else an invitation. */
  public record Added(Member member, Invitation invitation) {}

  private final InvitationDao dao;
  private final TenancyService tenancy;
  private final UserService users;
  private final Duration ttl;
  private final Clock clock;

  public InvitationService(
      InvitationDao dao, TenancyService tenancy, UserService users, Duration ttl, Clock clock) {
    this.dao = dao;
    this.tenancy = tenancy;
    this.users = users;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * Someone whose account owns the address is added at once (an administrator who knows the address
   * can already share everything with that person): a provider verified the email for the account,
   * or it has no sign-in identity yet (an operator made it; only a verified sign-in links one).
   * Anyone else is invited, and only a verified email accepts: an account that signed in with an
   * address its provider did not verify may not be the address's owner, so it is never added by it.
   */
  public Added addOrInvite(
      UUID workspaceId, String email, WorkspaceRole role, boolean actorIsOwner, UUID invitedBy) {
    String normalized = UserService.normalize(email);
    if (users.findByEmail(normalized).filter(u -> users.ownsEmail(u.id())).isPresent()) {
      return new Added(tenancy.addMember(workspaceId, normalized, role, actorIsOwner), null);
    }
    return new Added(null, invite(workspaceId, normalized, role, actorIsOwner, invitedBy));
  }

  /**
   * Invites this email (renewing an open invitation to it); 409 when the person is already a
   * member.
   */
  public Invitation invite(
      UUID workspaceId, String email, WorkspaceRole role, boolean actorIsOwner, UUID invitedBy) {
    TenancyService.requireOwnerFor(role, actorIsOwner);
    String normalized = UserService.normalize(email);
    Optional<User> existing = users.findByEmail(normalized);
    if (existing.isPresent() && tenancy.roleOf(workspaceId, existing.get().id()).isPresent()) {
      throw new ApiException(409, "Already a member", Map.of("userId", existing.get().id()));
    }
    UUID id =
        dao.inTransaction(
            d -> {
              d.lockWorkspace(workspaceId)
                  .orElseThrow(() -> ApiException.notFound("Workspace not found"));
              if (d.countOpen(workspaceId) >= MAX_OPEN) {
                throw new ApiException(
                    409, "This workspace has " + MAX_OPEN + " open invitations: revoke some first");
              }
              return d.upsertOpen(
                  workspaceId,
                  normalized,
                  role.wire(),
                  invitedBy,
                  clock.instant().plus(ttl).atOffset(ZoneOffset.UTC));
            });
    return dao.find(workspaceId, id).orElseThrow();
  }

  /** The workspace's open invitations, newest first, expired ones included (flagged). */
  public List<Invitation> list(UUID workspaceId) {
    return dao.listOpen(workspaceId, MAX_OPEN);
  }

  /**
   * Revokes an open invitation of this workspace; 404 for another workspace's, 409 when already
   * closed.
   */
  public Invitation revoke(UUID workspaceId, UUID invitationId) {
    return dao.inTransaction(
        d -> {
          InvitationRow row =
              d.lock(workspaceId, invitationId).orElseThrow(InvitationService::notFound);
          requireOpen(row);
          Invitation before = d.find(workspaceId, invitationId).orElseThrow();
          d.markRevoked(workspaceId, invitationId);
          return before;
        });
  }

  /** Open, unexpired invitations to this user's email, once a provider has verified it. */
  public List<MyInvitation> mine(UUID userId) {
    Optional<User> user = users.find(userId);
    if (user.isEmpty() || !users.emailVerified(userId)) {
      return List.of();
    }
    return dao.openFor(user.get().email(), MAX_MINE);
  }

  /**
   * The person becomes a member with the invited role (someone who is a member already keeps their
   * role). 404 unless addressed to their verified email; 409 when closed; 410 when expired.
   */
  public MyWorkspace accept(UUID userId, UUID invitationId) {
    User user = addressee(userId);
    return dao.inTransaction(
        d -> {
          TenancyDao t = d.getHandle().attach(TenancyDao.class);
          InvitationRow row = lockAddressedTo(d, invitationId, user);
          if (!row.expiresAt().isAfter(clock.instant())) {
            throw new ApiException(
                410,
                "This invitation has expired: ask the workspace for a new one",
                Map.of("expiresAt", row.expiresAt().toString()));
          }
          t.insertMembership(row.workspaceId(), userId, row.role().wire());
          d.markAccepted(row.workspaceId(), invitationId);
          return t.workspacesOf(userId).stream()
              .filter(w -> w.id().equals(row.workspaceId()))
              .findFirst()
              .orElseThrow();
        });
  }

  /** Closes the invitation without joining (expired ones too); returns its workspace. */
  public UUID decline(UUID userId, UUID invitationId) {
    User user = addressee(userId);
    return dao.inTransaction(
        d -> {
          InvitationRow row = lockAddressedTo(d, invitationId, user);
          d.markDeclined(row.workspaceId(), invitationId);
          return row.workspaceId();
        });
  }

  /**
   * The user an invitation may be addressed to: none (404) until a provider verified their email.
   */
  private User addressee(UUID userId) {
    return users
        .find(userId)
        .filter(u -> users.emailVerified(u.id()))
        .orElseThrow(InvitationService::notFound);
  }

  private static InvitationRow lockAddressedTo(InvitationDao d, UUID invitationId, User user) {
    InvitationRow row =
        d.lockAddressedTo(invitationId, user.email()).orElseThrow(InvitationService::notFound);
    requireOpen(row);
    return row;
  }

  private static void requireOpen(InvitationRow row) {
    if (!row.open()) {
      throw new ApiException(
          409, "This invitation was already " + row.closedAs(), Map.of("status", row.closedAs()));
    }
  }

  private static ApiException notFound() {
    return ApiException.notFound("Invitation not found");
  }
}
