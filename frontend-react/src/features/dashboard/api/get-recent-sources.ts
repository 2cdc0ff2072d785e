import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { sourcePageSchema } from '@/lib/schemas';

export const RECENT_LIMIT = 5;

/** The newest sources, newest first. */
export const getRecentSources = (signal?: AbortSignal) =>
  api
    .get(`/v1/sources?limit=${RECENT_LIMIT}`, {
      schema: sourcePageSchema,
      signal,
    })
    .then((page) =>
      [...page.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    );

export const useRecentSources = () =>
  useQuery(
    queryOptions({
      queryKey: ['dashboard', 'recent-sources'],
      queryFn: ({ signal }) => getRecentSources(signal),
    }),
  );
