import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

export const versionSchema = z.object({
  name: z.string(),
  version: z.string(),
  commit: z.string().nullish(),
  startedAt: z.string(),
});

export type Version = z.infer<typeof versionSchema>;

export const getVersion = ({ signal }: { signal?: AbortSignal } = {}) =>
  api.get('/v1/version', { schema: versionSchema, signal });

export const getVersionQueryOptions = () =>
  queryOptions({
    queryKey: ['status', 'version'],
    queryFn: ({ signal }) => getVersion({ signal }),
    staleTime: Infinity,
  });

export const useVersion = () => useQuery(getVersionQueryOptions());
