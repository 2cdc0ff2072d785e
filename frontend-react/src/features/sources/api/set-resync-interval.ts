import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { sourceDetailSchema } from '@/lib/schemas';

export const resyncIntervals = ['off', 'hourly', 'daily', 'weekly'] as const;

/** `null` follows the workspace default. */
export const setResyncInterval = ({
  id,
  interval,
}: {
  id: string;
  interval: string | null;
}) =>
  api.patch(`/v1/sources/${encodeURIComponent(id)}`, {
    body: { resyncInterval: interval },
    schema: sourceDetailSchema,
  });

export const useSetResyncInterval = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setResyncInterval,
    onSuccess: (source) => {
      queryClient.setQueryData(['sources', 'detail', source.id], source);
    },
  });
};
