import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

import { membersQueryKey } from './get-members';

export const removeMember = (userId: string) =>
  api.delete(`/v1/workspaces/current/members/${encodeURIComponent(userId)}`, {
    schema: z.undefined(),
  });

export const useRemoveMember = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
};
