import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

export const deleteSource = (id: string) =>
  api.delete(`/v1/sources/${encodeURIComponent(id)}`, {
    schema: z.undefined(),
  });

export const useDeleteSource = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSource,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: ['sources', 'detail', id] });
      void queryClient.invalidateQueries({ queryKey: ['sources', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
};
