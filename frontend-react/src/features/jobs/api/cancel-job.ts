import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { jobSchema } from './get-jobs';

export const cancelJob = (id: string) =>
  api.post(`/v1/jobs/${encodeURIComponent(id)}/cancel`, {
    schema: jobSchema,
  });

export const useCancelJob = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelJob,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['jobs'] });
      void queryClient.invalidateQueries({ queryKey: ['sources'] });
    },
  });
};
