import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

import { workspaceUsageQueryKey } from './get-workspace-usage';

export type PlanChange = { organizationId: string; plan: string };

const planChangeSchema = z.object({
  organizationId: z.string(),
  plan: z.string(),
});

/** Puts an organization (all its workspaces) on a configured plan; 422 for an unknown one. */
export const setOrganizationPlan = ({ organizationId, plan }: PlanChange) =>
  api.put(
    `/v1/admin/organizations/${encodeURIComponent(organizationId)}/plan`,
    {
      schema: planChangeSchema,
      body: { plan },
    },
  );

export const useSetOrganizationPlan = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setOrganizationPlan,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: workspaceUsageQueryKey }),
  });
};
