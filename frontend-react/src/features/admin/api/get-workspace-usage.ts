import {
  keepPreviousData,
  queryOptions,
  useQuery,
} from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import { usageSchema } from '@/lib/limits';
import { toQueryString } from '@/lib/schemas';

export const workspaceUsageSchema = z.object({
  workspaceName: z.string(),
  organizationId: z.string(),
  usage: usageSchema,
});

export type WorkspaceUsage = z.infer<typeof workspaceUsageSchema>;

const workspaceUsagePageSchema = z.object({
  items: z.array(workspaceUsageSchema),
  limit: z.number(),
  offset: z.number(),
});

export type WorkspaceUsageFilters = { limit: number; offset: number };

export const workspaceUsageQueryKey = ['admin', 'usage'] as const;

/** Every workspace's plan, limits and usage: GET /v1/admin/usage (system admin). */
export const getWorkspaceUsage = (
  filters: WorkspaceUsageFilters,
  signal?: AbortSignal,
) =>
  api.get(`/v1/admin/usage${toQueryString(filters)}`, {
    schema: workspaceUsagePageSchema,
    signal,
  });

export const useWorkspaceUsage = (filters: WorkspaceUsageFilters) =>
  useQuery(
    queryOptions({
      queryKey: [...workspaceUsageQueryKey, filters],
      queryFn: ({ signal }) => getWorkspaceUsage(filters, signal),
      placeholderData: keepPreviousData,
    }),
  );
