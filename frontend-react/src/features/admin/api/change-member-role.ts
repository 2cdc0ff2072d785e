import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { memberSchema, membersQueryKey } from './get-members';

export type RoleChange = { userId: string; role: string };

export const changeMemberRole = ({ userId, role }: RoleChange) =>
  api.patch(`/v1/workspaces/current/members/${encodeURIComponent(userId)}`, {
    schema: memberSchema,
    body: { role },
  });

export const useChangeMemberRole = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeMemberRole,
    // Also on failure: the select shows the server's role again, not the rejected one.
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
};
