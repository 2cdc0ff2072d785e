import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { z } from 'zod';

import { paths } from '@/config/paths';
import { api } from '@/lib/api-client';

export const logoutEverywhere = () =>
  api.post('/v1/auth/logout-everywhere', { schema: z.undefined() });

/** Ends every session of the signed-in person, on every device, and shows the sign-in screen. */
export const useLogoutEverywhere = () => {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logoutEverywhere,
    onSuccess: () => navigate(paths.signIn.getHref(), { replace: true }),
  });
};
