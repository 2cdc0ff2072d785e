import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { matchPath, useLocation, useNavigate } from 'react-router';

import { paths } from '@/config/paths';
import { useLastKnownMe, useMe } from '@/lib/auth';
import { setWorkspaceId } from '@/lib/workspace';

/**
 * Picks the workspace every API call acts on (X-Workspace-Id). Switching forgets everything
 * cached, so no screen can show the previous workspace's data, and reloads what is on screen.
 */
export function WorkspaceSwitcher() {
  const id = useId();
  const { data: fresh } = useMe();
  const me = useLastKnownMe();
  // Shown while the new workspace's `/me` loads, so the control does not jump back.
  const [choice, setChoice] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  if (!me || me.workspaces.length === 0) {
    return null;
  }

  const onChange = (workspaceId: string) => {
    setChoice(workspaceId);
    setWorkspaceId(workspaceId);
    queryClient.getMutationCache().clear();
    void queryClient.resetQueries();
    // A source of the old workspace does not exist in the new one.
    if (matchPath(paths.source.path, pathname)) {
      void navigate(paths.sources.getHref());
    }
  };

  return (
    <div className="field workspace-switcher">
      <label htmlFor={id}>Workspace</label>
      <select
        id={id}
        value={
          fresh ? (fresh.workspaceId ?? '') : (choice ?? me.workspaceId ?? '')
        }
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        {me.workspaceId ? null : <option value="">Choose a workspace</option>}
        {me.workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.role
              ? `${workspace.name} (${workspace.role})`
              : workspace.name}
          </option>
        ))}
      </select>
    </div>
  );
}
