import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

import { invitationsQueryKey } from './get-invitations';

export const revokeInvitation = (id: string) =>
  api.delete(`/v1/workspaces/current/invitations/${encodeURIComponent(id)}`, {
    schema: z.undefined(),
  });

export const useRevokeInvitation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeInvitation,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
};
