import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { usageSchema } from '@/lib/limits';

/** The workspace's plan, limits and what it used of each: GET /v1/usage (any member). */
export const getUsage = (signal?: AbortSignal) =>
  api.get('/v1/usage', { schema: usageSchema, signal });

export const useUsage = () =>
  useQuery(
    queryOptions({
      queryKey: ['dashboard', 'usage'],
      queryFn: ({ signal }) => getUsage(signal),
    }),
  );
