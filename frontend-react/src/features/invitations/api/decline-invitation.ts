import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

import { myInvitationsQueryKey } from './get-my-invitations';

export const declineInvitation = (id: string) =>
  api.post(`/v1/me/invitations/${encodeURIComponent(id)}/decline`, {
    schema: z.undefined(),
  });

export const useDeclineInvitation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: declineInvitation,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: myInvitationsQueryKey }),
  });
};
