import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

/** A configured plan with its effective limits by wire name (0 = unlimited). */
export const planSchema = z.object({
  name: z.string(),
  limits: z.record(z.string(), z.number()),
});

export type Plan = z.infer<typeof planSchema>;

export const getPlans = (signal?: AbortSignal) =>
  api.get('/v1/admin/plans', { schema: z.array(planSchema), signal });

export const usePlans = () =>
  useQuery(
    queryOptions({
      queryKey: ['admin', 'plans'],
      queryFn: ({ signal }) => getPlans(signal),
      staleTime: 5 * 60_000,
    }),
  );
