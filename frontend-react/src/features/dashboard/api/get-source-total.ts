import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { sourcePageSchema, toQueryString } from '@/lib/schemas';

/** How many sources there are (with `status`, how many in that status): GET /v1/sources?limit=1. */
export const getSourceTotal = (status?: string, signal?: AbortSignal) =>
  api
    .get(`/v1/sources${toQueryString({ limit: 1, status })}`, {
      schema: sourcePageSchema,
      signal,
    })
    .then((page) => page.total);

export const useSourceTotal = (status?: string) =>
  useQuery(
    queryOptions({
      queryKey: ['dashboard', 'source-total', status ?? 'all'],
      queryFn: ({ signal }) => getSourceTotal(status, signal),
    }),
  );
