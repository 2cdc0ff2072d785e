import {
  keepPreviousData,
  queryOptions,
  useQuery,
} from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import { toQueryString } from '@/lib/schemas';

export const jobKinds = [
  'embed',
  'resync',
  'reindex',
  'export',
  'import',
] as const;
export const jobStatuses = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'canceled',
] as const;

/** A job as GET /api/v1/jobs answers it (docs/api.md, "Jobs"). */
export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  subjectId: z.string().nullish(),
  progress: z.object({ done: z.number(), total: z.number() }),
  attempts: z.number(),
  maxAttempts: z.number(),
  cancelRequested: z.boolean().nullish(),
  lastError: z.string().nullish(),
  result: z.record(z.string(), z.unknown()).nullish(),
  createdAt: z.string(),
  startedAt: z.string().nullish(),
  finishedAt: z.string().nullish(),
});

export type Job = z.infer<typeof jobSchema>;

export const jobPageSchema = z.object({
  items: z.array(jobSchema),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});

export type JobFilters = {
  kind?: string;
  status?: string;
  subjectId?: string;
  limit: number;
  offset: number;
};

export const JOBS_POLL_MS = 2000;

export const isActive = (job: Job) =>
  job.status === 'queued' || job.status === 'running';

export const getJobs = (filters: JobFilters, signal?: AbortSignal) =>
  api.get(`/v1/jobs${toQueryString(filters)}`, {
    schema: jobPageSchema,
    signal,
  });

/** A page of jobs; polls every 2 s while any job on it is queued or running. */
export const useJobs = (filters: JobFilters) =>
  useQuery(
    queryOptions({
      queryKey: ['jobs', 'list', filters],
      queryFn: ({ signal }) => getJobs(filters, signal),
      placeholderData: keepPreviousData,
      staleTime: 0,
      refetchInterval: (query) =>
        query.state.data?.items.some(isActive) ? JOBS_POLL_MS : false,
    }),
  );
