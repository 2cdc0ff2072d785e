import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

import { apiKeySchema, apiKeysQueryKey } from './get-api-keys';

export type NewApiKey = {
  name: string;
  scopes: string[];
  expiresDays?: number | undefined;
};

// The only answer that carries the plaintext key.
const createdKeySchema = z.object({ key: apiKeySchema, apiKey: z.string() });

export type CreatedKey = z.infer<typeof createdKeySchema>;

export const createApiKey = (body: NewApiKey) =>
  api.post('/v1/api-keys', { schema: createdKeySchema, body });

export const useCreateApiKey = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
};
