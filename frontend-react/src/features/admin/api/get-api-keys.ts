import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

/** The scopes POST /api/v1/api-keys accepts. */
export const apiKeyScopes = ['read', 'write', 'admin'] as const;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullish(),
  revokedAt: z.string().nullish(),
  lastUsedAt: z.string().nullish(),
});

export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeysQueryKey = ['admin', 'api-keys'] as const;

export const getApiKeys = (signal?: AbortSignal) =>
  api.get('/v1/api-keys', { schema: z.array(apiKeySchema), signal });

export const useApiKeys = () =>
  useQuery(
    queryOptions({
      queryKey: apiKeysQueryKey,
      queryFn: ({ signal }) => getApiKeys(signal),
    }),
  );

export type KeyStatus = 'active' | 'revoked' | 'expired';

export function keyStatus(key: ApiKey, now = Date.now()): KeyStatus {
  if (key.revokedAt) {
    return 'revoked';
  }
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) {
    return 'expired';
  }
  return 'active';
}
