import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { z } from 'zod';

import { paths } from '@/config/paths';
import { api } from '@/lib/api-client';

export const logout = () =>
  api.post('/v1/auth/logout', { schema: z.undefined() });

/** Signs out, then shows the sign-in screen with nothing of the old session left in the cache. */
export const useLogout = () => {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSuccess: async () => {
      // Leave the shell first: clearing while it is mounted would refetch /me and answer 401.
      await navigate(paths.signIn.getHref(), { replace: true });
      queryClient.clear();
    },
  });
};
