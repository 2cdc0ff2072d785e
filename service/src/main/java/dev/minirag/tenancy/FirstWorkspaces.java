package dev.minirag.tenancy;

import dev.minirag.users.FirstWorkspace;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** A new person's first workspace: its own organization, the person as owner. */
public final class FirstWorkspaces implements FirstWorkspace {
  @Override
  public UUID create(Handle h, UUID ownerId, String organizationName, String workspaceName) {
    TenancyDao t = h.attach(TenancyDao.class);
    var ws = t.insertWorkspace(t.insertOrganization(organizationName), workspaceName);
    t.insertMembership(ws.id(), ownerId, WorkspaceRole.OWNER.wire());
    return ws.id();
  }
}
