import { describe, expect, it } from 'vitest';

import { ApiError } from '@/lib/api-client';

import {
  limitMessage,
  messageForStatus,
  outcomeOfError,
  outcomeOfItem,
  summarize,
} from './messages';

const midnight = '2026-12-06T00:00:00Z';
const localMidnight = new Date(midnight).toLocaleString();

describe('ingest messages', () => {
  it('maps statuses to actionable messages and keeps the service detail', () => {
    expect(messageForStatus(413, null)).toBe(
      'File is larger than the upload limit.',
    );
    expect(messageForStatus(415, 'application/zip')).toBe(
      'This file type is not supported. (application/zip)',
    );
    expect(messageForStatus(429, undefined)).toBe(
      'Too many requests — try again in a moment.',
    );
    expect(messageForStatus(402, null)).toBe(
      'Your plan does not allow this — check billing.',
    );
    expect(messageForStatus(422, 'Nothing to extract')).toBe(
      'Nothing to extract',
    );
  });

  it('turns a failed request into a failed outcome with the request id', () => {
    expect(
      outcomeOfError(
        new ApiError({ status: 429, message: 'Slow down', requestId: 'r1' }),
      ),
    ).toEqual({
      status: 'failed',
      message: 'Too many requests — try again in a moment. (Slow down)',
      requestId: 'r1',
    });
  });

  it('names a daily limit with human units and its reset time in local time', () => {
    expect(
      limitMessage({
        limit: 'uploadBytesPerDay',
        used: 104857600,
        max: 104857600,
        resetAt: midnight,
      }),
    ).toBe(
      `Daily upload limit reached (100 MB of 100 MB); resets at ${localMidnight}.`,
    );
    expect(
      limitMessage({
        limit: 'asksPerDay',
        used: 1200,
        max: 1200,
        resetAt: midnight,
      }),
    ).toBe(
      `Daily question limit reached (1,200 of 1,200); resets at ${localMidnight}.`,
    );
  });

  it('tells how to free a stored limit, which never resets by waiting', () => {
    expect(
      limitMessage({
        limit: 'storedSources',
        used: 500,
        max: 500,
        resetAt: null,
      }),
    ).toBe(
      'Stored sources limit reached (500 of 500); delete sources or ask an administrator.',
    );
    expect(
      limitMessage({ limit: 'storedChunks', used: 20000, max: 20000 }),
    ).toBe(
      'Stored chunks limit reached (20,000 of 20,000); delete sources or ask an administrator.',
    );
  });

  it('says how long to wait for the rate limit: Retry-After first, else resetAt', () => {
    const details = {
      limit: 'requestsPerMinute',
      used: 60,
      max: 60,
      resetAt: '2026-12-05T12:00:42Z',
    };
    expect(limitMessage(details, 7)).toBe('Too many requests; retry in 7 s.');
    expect(
      limitMessage(details, undefined, Date.parse('2026-12-05T12:00:30Z')),
    ).toBe('Too many requests; retry in 12 s.');
    expect(limitMessage(undefined, 3)).toBe('Too many requests; retry in 3 s.');
    expect(limitMessage({ unrelated: true })).toBeUndefined();
  });

  it('uses the limit message for a refused batch item and a refused single request', () => {
    expect(
      outcomeOfItem({
        input: 'https://example.com/',
        status: 'failed',
        code: 429,
        error: 'Limit reached: storedSources (2 of 2); delete sources',
        details: { limit: 'storedSources', used: 2, max: 2, resetAt: null },
      }),
    ).toEqual({
      status: 'failed',
      message:
        'Stored sources limit reached (2 of 2); delete sources or ask an administrator.',
    });
    expect(
      outcomeOfError(
        new ApiError({
          status: 429,
          message: 'Limit reached: uploadBytesPerDay (2048 of 2048)',
          details: {
            limit: 'uploadBytesPerDay',
            used: 2048,
            max: 2048,
            resetAt: midnight,
          },
          requestId: 'r2',
          retryAfterSeconds: 3600,
        }),
      ),
    ).toEqual({
      status: 'failed',
      message: `Daily upload limit reached (2 KB of 2 KB); resets at ${localMidnight}.`,
      requestId: 'r2',
    });
  });

  it('summarizes a batch', () => {
    expect(
      summarize([
        { status: 'accepted' },
        { status: 'accepted' },
        { status: 'duplicate' },
        { status: 'failed' },
      ]),
    ).toBe('2 accepted, 1 duplicate, 1 failed');
  });
});
