import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

export const workspaceRoles = ['owner', 'admin', 'editor', 'reader'] as const;

export const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  displayName: z.string().nullish(),
  role: z.string(),
  joinedAt: z.string().nullish(),
});

export type Member = z.infer<typeof memberSchema>;

export const membersQueryKey = ['admin', 'members'] as const;

export const getMembers = (signal?: AbortSignal) =>
  api.get('/v1/workspaces/current/members', {
    schema: z.array(memberSchema),
    signal,
  });

export const useMembers = () =>
  useQuery(
    queryOptions({
      queryKey: membersQueryKey,
      queryFn: ({ signal }) => getMembers(signal),
    }),
  );
