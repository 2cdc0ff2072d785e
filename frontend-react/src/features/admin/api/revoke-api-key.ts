import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { apiKeySchema, apiKeysQueryKey } from './get-api-keys';

export const revokeApiKey = (id: string) =>
  api.delete(`/v1/api-keys/${encodeURIComponent(id)}`, {
    schema: apiKeySchema,
  });

export const useRevokeApiKey = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
};
