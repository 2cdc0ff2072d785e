import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { meQueryKey, myWorkspaceSchema } from '@/lib/auth';

import { myInvitationsQueryKey } from './get-my-invitations';

export const acceptInvitation = (id: string) =>
  api.post(`/v1/me/invitations/${encodeURIComponent(id)}/accept`, {
    schema: myWorkspaceSchema,
  });

/** Joining changes my workspaces: the switcher reloads them. */
export const useAcceptInvitation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: myInvitationsQueryKey }),
        queryClient.invalidateQueries({ queryKey: meQueryKey, exact: true }),
      ]),
  });
};
