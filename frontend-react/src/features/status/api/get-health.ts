import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.record(
    z.string(),
    z.object({
      healthy: z.boolean(),
      message: z.string().nullish(),
    }),
  ),
  /** Chunk changes in the database this node's search index does not show yet; null when unknown. */
  indexLag: z.number().int().nonnegative().nullish(),
  /** Jobs waiting in the queue all nodes share; null when unknown. */
  queuedJobs: z.number().int().nonnegative().nullish(),
});

export type Health = z.infer<typeof healthSchema>;

export const getHealth = ({ signal }: { signal?: AbortSignal } = {}) =>
  api.get('/v1/health', { schema: healthSchema, signal });

export const HEALTH_REFRESH_MS = 30_000;

export const getHealthQueryOptions = () =>
  queryOptions({
    queryKey: ['status', 'health'],
    queryFn: ({ signal }) => getHealth({ signal }),
    refetchInterval: HEALTH_REFRESH_MS,
  });

export const useHealth = () => useQuery(getHealthQueryOptions());
