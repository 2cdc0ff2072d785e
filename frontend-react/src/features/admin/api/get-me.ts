import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

/** GET /api/v1/me: who is calling and what they may do in the workspace of this request. */
export const meSchema = z.object({
  userId: z.string().nullish(),
  email: z.string().nullish(),
  displayName: z.string().nullish(),
  systemAdmin: z.boolean(),
  workspaceId: z.string().nullish(),
  role: z.string().nullish(),
  permissions: z.array(z.string()),
});

export type Me = z.infer<typeof meSchema>;

export const getMe = (signal?: AbortSignal) =>
  api.get('/v1/me', { schema: meSchema, signal });

// Its own key: the admin area parses only the fields it needs, so it must not share a cache
// entry with a fuller /me shape read elsewhere.
export const useMe = () =>
  useQuery(
    queryOptions({
      queryKey: ['admin', 'me'],
      queryFn: ({ signal }) => getMe(signal),
    }),
  );
