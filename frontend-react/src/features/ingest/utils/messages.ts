import { ApiError } from '@/lib/api-client';
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

export type Outcome = {
  status: 'accepted' | 'duplicate' | 'failed';
  sourceId?: string | null | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
};

export function outcomeOfItem(item: IngestItem): Outcome {
  if (item.status === 'failed') {
    return {
      status: 'failed',
      message: messageForStatus(item.code, item.error),
    };
  }
  return { status: item.status, sourceId: item.sourceId };
}

export function outcomeOfError(error: unknown): Outcome {
  if (error instanceof ApiError) {
    return {
      status: 'failed',
      message: messageForStatus(error.status, error.message),
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
