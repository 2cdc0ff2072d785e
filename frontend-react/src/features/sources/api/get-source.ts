import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { sourceDetailSchema } from '@/lib/schemas';

export const SOURCE_POLL_MS = 2000;

export const getSource = (id: string, signal?: AbortSignal) =>
  api.get(`/v1/sources/${encodeURIComponent(id)}`, {
    schema: sourceDetailSchema,
    signal,
  });

/** One source with its chunks; polls every 2 s while it is pending or embedding. */
export const useSource = (id: string) =>
  useQuery(
    queryOptions({
      queryKey: ['sources', 'detail', id],
      queryFn: ({ signal }) => getSource(id, signal),
      staleTime: 0,
      refetchInterval: (query) => {
        const status = query.state.data?.status;
        return status === 'pending' || status === 'embedding'
          ? SOURCE_POLL_MS
          : false;
      },
    }),
  );
