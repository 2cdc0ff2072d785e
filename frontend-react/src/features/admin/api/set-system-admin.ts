import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { userSchema, usersQueryKey } from './get-users';

export type SystemAdminChange = { id: string; systemAdmin: boolean };

export const setSystemAdmin = ({ id, systemAdmin }: SystemAdminChange) =>
  api.patch(`/v1/admin/users/${encodeURIComponent(id)}`, {
    schema: userSchema,
    body: { systemAdmin },
  });

export const useSetSystemAdmin = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setSystemAdmin,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
};
