package dev.minirag.users;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Makes a new person's first workspace, owned by them, inside the transaction that provisions them.
 * Tenancy owns workspaces, so it implements this; users only decides when one is needed.
 */
@FunctionalInterface
public interface FirstWorkspace {
  /** Returns the new workspace's id. */
  UUID create(Handle h, UUID ownerId, String organizationName, String workspaceName);
}
