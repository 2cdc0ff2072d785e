import {
  keepPreviousData,
  queryOptions,
  useQuery,
} from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { sourcePageSchema, toQueryString } from '@/lib/schemas';

export type SourceFilters = {
  q?: string;
  kind?: string;
  status?: string;
  limit: number;
  offset: number;
};

export const getSources = (filters: SourceFilters, signal?: AbortSignal) =>
  api.get(`/v1/sources${toQueryString(filters)}`, {
    schema: sourcePageSchema,
    signal,
  });

export const useSources = (filters: SourceFilters) =>
  useQuery(
    queryOptions({
      queryKey: ['sources', 'list', filters],
      queryFn: ({ signal }) => getSources(filters, signal),
      placeholderData: keepPreviousData,
    }),
  );
