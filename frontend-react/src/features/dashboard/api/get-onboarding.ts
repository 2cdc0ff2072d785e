import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

/**
 * GET /v1/onboarding: the workspace's getting-started steps as the service knows them (stored
 * sources now; a question or an API key ever), so every member and browser sees the same ticks.
 */
export const onboardingSchema = z.object({
  workspaceId: z.string(),
  sourceAdded: z.boolean(),
  questionAsked: z.boolean(),
  apiKeyCreated: z.boolean(),
});

export type Onboarding = z.infer<typeof onboardingSchema>;

export const getOnboarding = (signal?: AbortSignal) =>
  api.get('/v1/onboarding', { schema: onboardingSchema, signal });

export const useOnboarding = ({ enabled }: { enabled: boolean }) =>
  useQuery(
    queryOptions({
      queryKey: ['dashboard', 'onboarding'],
      queryFn: ({ signal }) => getOnboarding(signal),
      // Steps are done on other screens: coming back to the dashboard asks again.
      staleTime: 0,
      enabled,
    }),
  );
