import { z } from 'zod';

/** Shapes several features read from the service (docs/api.md). Absent and null are the same. */
export const sourceKinds = ['url', 'file', 'text', 'youtube'] as const;
export const sourceStatuses = [
  'pending',
  'embedding',
  'ready',
  'failed',
] as const;

export type SourceKind = (typeof sourceKinds)[number];
export type SourceStatus = (typeof sourceStatuses)[number];

export const sourceSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string().nullish(),
  uri: z.string().nullish(),
  fileName: z.string().nullish(),
  mimeType: z.string().nullish(),
  status: z.string(),
  chunkCount: z.number().nullish(),
  embeddedCount: z.number().nullish(),
  progress: z.number().nullish(),
  byteSize: z.number().nullish(),
  error: z.string().nullish(),
  createdAt: z.string(),
  updatedAt: z.string().nullish(),
  /** URL and YouTube sources only; `interval` absent = the workspace default. */
  resync: z
    .object({
      interval: z.string().nullish(),
      effective: z.string(),
      lastCheckedAt: z.string().nullish(),
      lastChangedAt: z.string().nullish(),
      nextCheckAt: z.string().nullish(),
    })
    .nullish(),
});

export type Source = z.infer<typeof sourceSchema>;

export const chunkSchema = z.object({
  id: z.string(),
  ordinal: z.number(),
  text: z.string(),
  embedded: z.boolean().nullish(),
  metadata: z
    .object({
      charStart: z.number().nullish(),
      charEnd: z.number().nullish(),
      headingPath: z.unknown().optional(),
      page: z.number().nullish(),
      startSeconds: z.number().nullish(),
      endSeconds: z.number().nullish(),
    })
    .nullish(),
});

export type Chunk = z.infer<typeof chunkSchema>;

export const sourceDetailSchema = sourceSchema.extend({
  chunks: z.array(chunkSchema).default([]),
});

export type SourceDetail = z.infer<typeof sourceDetailSchema>;

export const sourcePageSchema = z.object({
  items: z.array(sourceSchema),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});

export type SourcePage = z.infer<typeof sourcePageSchema>;

export const ingestItemSchema = z.object({
  input: z.string(),
  status: z.enum(['accepted', 'duplicate', 'failed']),
  sourceId: z.string().nullish(),
  sourceStatus: z.string().nullish(),
  code: z.number().nullish(),
  error: z.string().nullish(),
  /** For a refusal by a limit (code 429): `{limit, used, max, resetAt}` (src/lib/limits.ts). */
  details: z.unknown().optional(),
});

export type IngestItem = z.infer<typeof ingestItemSchema>;

export const ingestResponseSchema = z.object({
  items: z.array(ingestItemSchema),
});

/** Builds `?a=1&b=2` from the defined, non-empty values. */
export function toQueryString(
  params: Record<string, string | number | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
