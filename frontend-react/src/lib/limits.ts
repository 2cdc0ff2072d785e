import { z } from 'zod';

import { formatDateTime } from './format';

/**
 * Workspace limits as the service reports them (GET /api/v1/usage, the admin usage listing and a
 * 429's details). Shared here because the dashboard, the ingest screen and the admin area all
 * read them. `max` 0 means unlimited.
 */
export const limitNames = [
  'storedChunks',
  'storedSources',
  'uploadBytesPerDay',
  'asksPerDay',
  'searchesPerDay',
  'requestsPerMinute',
] as const;

export type LimitName = (typeof limitNames)[number];

const knownLimit = (name: string): name is LimitName =>
  (limitNames as readonly string[]).includes(name);

/** What each limit is called on screen. An unknown (newer) limit shows its wire name. */
const limitLabels: Record<LimitName, string> = {
  storedChunks: 'Stored chunks',
  storedSources: 'Stored sources',
  uploadBytesPerDay: 'Uploads per day',
  asksPerDay: 'Questions per day',
  searchesPerDay: 'Searches per day',
  requestsPerMinute: 'Requests per minute',
};

export const limitLabel = (name: string): string =>
  knownLimit(name) ? limitLabels[name] : name;

export const usageItemSchema = z.object({
  limit: z.string(),
  period: z.string(),
  used: z.number(),
  max: z.number(),
  remaining: z.number().nullish(),
  unlimited: z.boolean(),
  overridden: z.boolean().default(false),
  resetsAt: z.string().nullish(),
});

export type UsageItem = z.infer<typeof usageItemSchema>;

export const usageSchema = z.object({
  workspaceId: z.string(),
  plan: z.string(),
  enforced: z.boolean(),
  limits: z.array(usageItemSchema),
});

export type Usage = z.infer<typeof usageSchema>;

/** `details` of a refusal by a limit: a 429 answer or a failed batch item. */
export const limitDetailsSchema = z.object({
  limit: z.string(),
  used: z.number(),
  max: z.number(),
  resetAt: z.string().nullish(),
});

export type LimitDetails = z.infer<typeof limitDetailsSchema>;

const numberFormat = new Intl.NumberFormat('en');

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes in binary units with at most one decimal, trailing ".0" dropped: "100 MB", "1.5 GB". */
export function formatByteAmount(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = unit === 0 ? value : Math.round(value * 10) / 10;
  return `${numberFormat.format(rounded)} ${BYTE_UNITS[unit]}`;
}

/** An amount of a limit: bytes for the upload limit, a grouped count for the others. */
export function formatLimitAmount(name: string, amount: number): string {
  return name === 'uploadBytesPerDay'
    ? formatByteAmount(amount)
    : numberFormat.format(amount);
}

/** "120 of 20,000", or "120 (unlimited)" when max is 0. */
export function formatUsage(name: string, used: number, max: number): string {
  const usedText = formatLimitAmount(name, used);
  return max === 0
    ? `${usedText} (unlimited)`
    : `${usedText} of ${formatLimitAmount(name, max)}`;
}

/** When a limit frees up again, in the reader's local time; null for stored limits. */
export function formatResetTime(iso: string | null | undefined): string | null {
  return iso ? formatDateTime(iso) : null;
}
