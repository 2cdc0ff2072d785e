import { describe, expect, it } from 'vitest';

import { ApiError } from '@/lib/api-client';

import { messageForStatus, outcomeOfError, summarize } from './messages';

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
