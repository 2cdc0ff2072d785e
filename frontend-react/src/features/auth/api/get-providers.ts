import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

export const providersSchema = z.object({
  providers: z.array(z.string()).default([]),
  devLogin: z.boolean().default(false),
});

export type Providers = z.infer<typeof providersSchema>;

export const getProviders = (signal?: AbortSignal) =>
  api.get('/v1/auth/providers', { schema: providersSchema, signal });

export const useProviders = () =>
  useQuery(
    queryOptions({
      queryKey: ['auth', 'providers'],
      queryFn: ({ signal }) => getProviders(signal),
    }),
  );

/** Where the browser goes to start signing in with a provider (a full page load). */
export const providerLoginHref = (provider: string) =>
  `/api/v1/auth/login/${encodeURIComponent(provider)}`;

/** Where a development one-time link is redeemed (a full page load). */
export const devLoginHref = (token: string) =>
  `/api/v1/auth/dev-login?token=${encodeURIComponent(token)}`;
