import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { memberSchema, membersQueryKey } from './get-members';

export type NewMember = { email: string; role: string };

export const addMember = (body: NewMember) =>
  api.post('/v1/workspaces/current/members', { schema: memberSchema, body });

export const useAddMember = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addMember,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
};
