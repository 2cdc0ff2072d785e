package dev.minirag.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minirag.access.Permissions;
import dev.minirag.tenancy.WorkspaceRole;
import org.junit.jupiter.api.Test;

class PermissionsTest {
  @Test
  void rolesImplyTheLevelsBelowThem() {
    assertThat(WorkspaceRole.OWNER.permissions())
        .containsExactlyInAnyOrder("read", "write", "admin", "owner");
    assertThat(WorkspaceRole.ADMIN.permissions())
        .containsExactlyInAnyOrder("read", "write", "admin");
    assertThat(WorkspaceRole.EDITOR.permissions()).containsExactlyInAnyOrder("read", "write");
    assertThat(WorkspaceRole.READER.permissions()).containsExactly("read");
    assertThat(Permissions.impliedBy("write")).containsExactlyInAnyOrder("read", "write");
  }
}
