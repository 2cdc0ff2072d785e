import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { usageSchema } from '@/lib/limits';

import { workspaceUsageQueryKey } from './get-workspace-usage';

/** Per limit: a number sets an override (0 = unlimited), null removes it; absent = unchanged. */
export type LimitOverrides = Record<string, number | null>;

export type LimitsChange = { workspaceId: string; overrides: LimitOverrides };

export const setWorkspaceLimits = ({ workspaceId, overrides }: LimitsChange) =>
  api.put(`/v1/admin/workspaces/${encodeURIComponent(workspaceId)}/limits`, {
    schema: usageSchema,
    body: overrides,
  });

export const useSetWorkspaceLimits = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setWorkspaceLimits,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: workspaceUsageQueryKey }),
  });
};
