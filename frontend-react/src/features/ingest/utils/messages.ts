import { ApiError } from '@/lib/api-client';
import { pausedBecause } from '@/lib/billing';
import {
  formatLimitAmount,
  formatResetTime,
  limitDetailsSchema,
  limitLabel,
} from '@/lib/limits';
import type { IngestItem } from '@/lib/schemas';

/** What a person can do about an ingest failure, by HTTP status. */
const actionable: Record<number, string> = {
  402: 'Your plan does not allow this — check billing.',
  413: 'File is larger than the upload limit.',
  415: 'This file type is not supported.',
  429: 'Too many requests — try again in a moment.',
};

export function messageForStatus(
  status: number | null | undefined,
  detail: string | null | undefined,
): string {
  const hint = status != null ? actionable[status] : undefined;
  if (hint && detail && detail !== hint) {
    return `${hint} (${detail})`;
  }
  return hint ?? detail ?? 'The service could not add this item.';
}

/** Daily limits, in the words of "Daily … limit reached". */
const dailyNouns: Record<string, string> = {
  uploadBytesPerDay: 'upload',
  asksPerDay: 'question',
  searchesPerDay: 'search',
};

const storedLimits = new Set(['storedChunks', 'storedSources']);

function retryIn(seconds: number | undefined): string {
  return seconds === undefined
    ? 'Too many requests; retry in a moment.'
    : `Too many requests; retry in ${seconds} s.`;
}

/**
 * A refusal by a workspace limit in words: which limit, how much of it is used, and what frees it
 * (the reset time for daily limits, deleting for stored ones, waiting for the rate limit).
 * `details` is the 429's `{limit, used, max, resetAt}`; `retryAfterSeconds` its Retry-After
 * header. Undefined when the details are not a limit's.
 */
export function limitMessage(
  details: unknown,
  retryAfterSeconds?: number,
  now: number = Date.now(),
): string | undefined {
  const parsed = limitDetailsSchema.safeParse(details);
  if (!parsed.success) {
    return retryAfterSeconds === undefined
      ? undefined
      : retryIn(retryAfterSeconds);
  }
  const { limit, used, max, resetAt } = parsed.data;
  const amounts = `(${formatLimitAmount(limit, used)} of ${formatLimitAmount(limit, max)})`;
  const resetTime = formatResetTime(resetAt);
  if (limit === 'requestsPerMinute') {
    const resetMillis = resetAt ? Date.parse(resetAt) : Number.NaN;
    const seconds =
      retryAfterSeconds ??
      (Number.isNaN(resetMillis)
        ? undefined
        : Math.max(1, Math.ceil((resetMillis - now) / 1000)));
    return retryIn(seconds);
  }
  if (storedLimits.has(limit)) {
    return `${limitLabel(limit)} limit reached ${amounts}; delete sources or ask an administrator.`;
  }
  const noun = dailyNouns[limit];
  const head = noun
    ? `Daily ${noun} limit reached ${amounts}`
    : `Limit reached: ${limitLabel(limit)} ${amounts}`;
  return resetTime ? `${head}; resets at ${resetTime}.` : `${head}.`;
}

export type Outcome = {
  status: 'accepted' | 'duplicate' | 'failed';
  /** Refused for payment (402): the result links to the Billing screen. */
  billing?: boolean;
  sourceId?: string | null | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
};

export function outcomeOfItem(item: IngestItem): Outcome {
  if (item.status === 'failed') {
    return {
      status: 'failed',
      ...(item.code === 402 ? { billing: true } : {}),
      message:
        (item.code === 429 ? limitMessage(item.details) : undefined) ??
        messageForStatus(item.code, item.error),
    };
  }
  return { status: item.status, sourceId: item.sourceId };
}

/** A 402's words: why adding sources is paused (its `details.reason`) and what still works. */
export function paymentMessage(details: unknown): string {
  const reason =
    details && typeof details === 'object' && 'reason' in details
      ? String(details.reason)
      : null;
  return `Adding sources is paused because ${pausedBecause(reason)}. Search and questions keep working.`;
}

export function outcomeOfError(error: unknown): Outcome {
  if (error instanceof ApiError && error.status === 402) {
    return {
      status: 'failed',
      billing: true,
      message: paymentMessage(error.details),
      requestId: error.requestId,
    };
  }
  if (error instanceof ApiError) {
    return {
      status: 'failed',
      message:
        (error.status === 429
          ? limitMessage(error.details, error.retryAfterSeconds)
          : undefined) ?? messageForStatus(error.status, error.message),
      requestId: error.requestId,
    };
  }
  return {
    status: 'failed',
    message: error instanceof Error ? error.message : 'Something went wrong.',
  };
}

/** "2 accepted, 1 failed" for a toast. */
export function summarize(outcomes: Outcome[]): string {
  const counts = { accepted: 0, duplicate: 0, failed: 0 };
  for (const outcome of outcomes) {
    counts[outcome.status] += 1;
  }
  const parts: string[] = [];
  if (counts.accepted) parts.push(`${counts.accepted} accepted`);
  if (counts.duplicate) parts.push(`${counts.duplicate} duplicate`);
  if (counts.failed) parts.push(`${counts.failed} failed`);
  return parts.join(', ');
}
