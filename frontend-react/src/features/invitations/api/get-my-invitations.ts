import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

export const myInvitationSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  role: z.string(),
  invitedByEmail: z.string().nullish(),
  invitedByName: z.string().nullish(),
  createdAt: z.string(),
  expiresAt: z.string(),
});

export type MyInvitation = z.infer<typeof myInvitationSchema>;

export const myInvitationsQueryKey = ['me', 'invitations'] as const;

export const getMyInvitations = (signal?: AbortSignal) =>
  api.get('/v1/me/invitations', {
    schema: z.array(myInvitationSchema),
    signal,
  });

export const useMyInvitations = () =>
  useQuery(
    queryOptions({
      queryKey: myInvitationsQueryKey,
      queryFn: ({ signal }) => getMyInvitations(signal),
    }),
  );
