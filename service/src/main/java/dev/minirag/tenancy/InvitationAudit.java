package dev.minirag.tenancy;

import dev.minirag.access.Caller;
import dev.minirag.audit.AuditActions;
import dev.minirag.audit.AuditLog;
import java.util.Map;

/** The audit event of a new invitation, whichever endpoint made it. */
final class InvitationAudit {
  private InvitationAudit() {}

  static void created(AuditLog audit, Caller caller, Invitation inv) {
    audit.record(
        caller,
        AuditActions.INVITATION_CREATE,
        caller.workspace(),
        inv.id().toString(),
        Map.of(
            "email",
            inv.email(),
            "role",
            inv.role().wire(),
            "expiresAt",
            inv.expiresAt().toString()));
  }
}
