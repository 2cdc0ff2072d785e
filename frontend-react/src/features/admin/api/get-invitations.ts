import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.string(),
  invitedBy: z.string().nullish(),
  invitedByEmail: z.string().nullish(),
  createdAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
});

export type Invitation = z.infer<typeof invitationSchema>;

export const invitationsQueryKey = ['admin', 'invitations'] as const;

export const getInvitations = (signal?: AbortSignal) =>
  api.get('/v1/workspaces/current/invitations', {
    schema: z.array(invitationSchema),
    signal,
  });

export const useInvitations = () =>
  useQuery(
    queryOptions({
      queryKey: invitationsQueryKey,
      queryFn: ({ signal }) => getInvitations(signal),
    }),
  );
