import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { z } from 'zod';

import { paths } from '@/config/paths';
import { api } from '@/lib/api-client';

export const logout = () =>
  api.post('/v1/auth/logout', { schema: z.undefined() });

/** Signs out and shows the sign-in screen (which forgets the session's cached data). */
export const useLogout = () => {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => navigate(paths.signIn.getHref(), { replace: true }),
  });
};
