import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

export const refreshResultSchema = z.object({
  sourceId: z.string(),
  outcome: z.string(),
  status: z.string().nullish(),
  jobId: z.string().nullish(),
});

export type RefreshResult = z.infer<typeof refreshResultSchema>;

export const refreshSource = (id: string) =>
  api.post(`/v1/sources/${encodeURIComponent(id)}/refresh`, {
    schema: refreshResultSchema,
  });

export const useRefreshSource = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refreshSource,
    onSuccess: (_data, id) => {
      void queryClient.invalidateQueries({
        queryKey: ['sources', 'detail', id],
      });
    },
  });
};
