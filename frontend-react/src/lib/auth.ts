import { queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';

import { api, ApiError, notifyUnauthorized } from './api-client';
import { getWorkspaceId, setWorkspaceId } from './workspace';

/** What `GET /api/v1/me` says about the caller (docs/identity.md). */
export const myWorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string().nullish(),
  isDefault: z.boolean().nullish(),
});

export const meSchema = z.object({
  userId: z.string().nullish(),
  email: z.string().nullish(),
  displayName: z.string().nullish(),
  systemAdmin: z.boolean().nullish(),
  workspaceId: z.string().nullish(),
  role: z.string().nullish(),
  permissions: z.array(z.string()).default([]),
  workspaces: z.array(myWorkspaceSchema).default([]),
});

/**
 * `GET /api/v1/session`: 200 whether or not the browser is signed in. The console asks this rather
 * than `/me`, whose 401 for a signed-out visitor the browser would log as a failed request.
 */
export const sessionSchema = z.object({
  signedIn: z.boolean(),
  me: meSchema.optional(),
});

export type Me = z.infer<typeof meSchema>;
export type MyWorkspace = z.infer<typeof myWorkspaceSchema>;

/** Who is signed in; signed out fails like a 401 from any call (the app opens sign-in). */
async function getSignedInMe(signal?: AbortSignal): Promise<Me> {
  const session = await api.get('/v1/session', {
    schema: sessionSchema,
    signal,
  });
  if (!session.signedIn || !session.me) {
    const error = new ApiError({ status: 401, message: 'Not signed in.' });
    notifyUnauthorized(error);
    throw error;
  }
  return session.me;
}

/**
 * The server answers 404 for a workspace the user is not (or no longer) a member of. Then the
 * stored choice is stale: forget it and ask again, which yields the user's default workspace.
 */
export async function getMe(signal?: AbortSignal): Promise<Me> {
  try {
    return await getSignedInMe(signal);
  } catch (error) {
    if (
      error instanceof ApiError &&
      error.status === 404 &&
      getWorkspaceId() !== null
    ) {
      setWorkspaceId(null);
      return getSignedInMe(signal);
    }
    throw error;
  }
}

export const meQueryKey = ['me'] as const;

export const meQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(signal),
  });

export const useMe = () => useQuery(meQueryOptions());

/**
 * The latest `/me` answer, kept while it is reloaded after a workspace switch (which empties the
 * cache), so the switcher and the account block stay in place and keep keyboard focus.
 */
export function useLastKnownMe(): Me | undefined {
  const { data } = useMe();
  const [last, setLast] = useState(data);
  if (data && data !== last) {
    setLast(data);
  }
  return data ?? last;
}

/** "Ada Lovelace" → "AL", "ops@example.com" → "O". */
export function initialsOf(me: Pick<Me, 'displayName' | 'email'>): string {
  const source = me.displayName?.trim() || me.email?.trim() || '?';
  const words = source.split(/[\s@._-]+/).filter(Boolean);
  if (me.displayName?.trim() && words.length > 1) {
    return `${words[0]?.charAt(0) ?? ''}${words.at(-1)?.charAt(0) ?? ''}`.toUpperCase();
  }
  return source.charAt(0).toUpperCase();
}
