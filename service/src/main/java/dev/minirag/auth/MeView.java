package dev.minirag.auth;

import dev.minirag.access.Caller;
import dev.minirag.auth.MeResource.Me;
import dev.minirag.tenancy.MyWorkspace;
import dev.minirag.tenancy.TenancyService;
import dev.minirag.users.User;
import dev.minirag.users.UserService;
import java.util.List;

/** What {@code /me} and {@code /session} say about an authenticated caller. */
public class MeView {

  private final UserService users;
  private final TenancyService tenancy;

  public MeView(UserService users, TenancyService tenancy) {
    this.users = users;
    this.tenancy = tenancy;
  }

  Me of(Caller caller) {
    if (caller.isApiKey()) {
      var ws = tenancy.get(caller.workspaceId());
      return new Me(
          null,
          null,
          null,
          false,
          caller.apiKeyId(),
          caller.workspaceId(),
          null,
          caller.permissions(),
          List.of(new MyWorkspace(ws.id(), ws.name(), ws.organizationId(), null, true)));
    }
    User u = users.find(caller.userId()).orElseThrow();
    return new Me(
        u.id(),
        u.email(),
        u.displayName(),
        u.systemAdmin(),
        null,
        caller.workspaceId(),
        caller.role(),
        caller.permissions(),
        tenancy.workspacesOf(u.id()));
  }
}
