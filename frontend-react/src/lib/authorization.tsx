import type { ReactNode } from 'react';

import { useMe } from './auth';

/** Permission names as the server grants them: owner ⊃ admin ⊃ write ⊃ read, plus system_admin. */
export type Permission = 'read' | 'write' | 'admin' | 'owner' | 'system_admin';

/**
 * Whether the caller holds `permission` in the current workspace. False until `/me` has answered,
 * so controls appear only once the server has said they may be used. The server still checks
 * every call: this only keeps people from being offered what they cannot do.
 */
export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return data?.permissions.includes(permission) ?? false;
}

/** Workspace admins (members, keys) and system admins (users, audit) both have an Admin area. */
export function useCanAdminister(): boolean {
  const workspaceAdmin = useCan('admin');
  const systemAdmin = useCan('system_admin');
  return workspaceAdmin || systemAdmin;
}

/** Renders `children` only for callers with `permission`. */
export function Can({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  return useCan(permission) ? children : null;
}
