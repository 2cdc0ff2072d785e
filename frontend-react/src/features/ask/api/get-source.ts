import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { sourceDetailSchema } from '@/lib/schemas';

/** The cited source with its chunks, for the chunk preview. */
export const getCitedSource = (sourceId: string, signal?: AbortSignal) =>
  api.get(`/v1/sources/${encodeURIComponent(sourceId)}`, {
    schema: sourceDetailSchema,
    signal,
  });

export const useCitedSource = (sourceId: string) =>
  useQuery(
    queryOptions({
      queryKey: ['ask', 'cited-source', sourceId],
      queryFn: ({ signal }) => getCitedSource(sourceId, signal),
      staleTime: 0,
    }),
  );
