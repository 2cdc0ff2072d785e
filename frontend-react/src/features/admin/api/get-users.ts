import {
  keepPreviousData,
  queryOptions,
  useQuery,
} from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import { toQueryString } from '@/lib/schemas';

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string().nullish(),
  systemAdmin: z.boolean(),
  createdAt: z.string().nullish(),
  lastLoginAt: z.string().nullish(),
});

export type User = z.infer<typeof userSchema>;

const userPageSchema = z.object({
  items: z.array(userSchema),
  limit: z.number(),
  offset: z.number(),
});

export type UserFilters = { q?: string; limit: number; offset: number };

export const usersQueryKey = ['admin', 'users'] as const;

export const getUsers = (filters: UserFilters, signal?: AbortSignal) =>
  api.get(`/v1/admin/users${toQueryString(filters)}`, {
    schema: userPageSchema,
    signal,
  });

export const useUsers = (filters: UserFilters) =>
  useQuery(
    queryOptions({
      queryKey: [...usersQueryKey, filters],
      queryFn: ({ signal }) => getUsers(filters, signal),
      placeholderData: keepPreviousData,
    }),
  );
