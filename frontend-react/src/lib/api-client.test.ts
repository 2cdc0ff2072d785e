import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { server } from '@/testing/mocks/server';

import { setWorkspaceId } from './workspace';
import {
  api,
  ApiError,
  parseRetryAfter,
  setUnauthorizedHandler,
  toApiError,
} from './api-client';

const okSchema = z.object({ ok: z.boolean() });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

function clearCookie(name: string) {
  document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
}

afterEach(() => {
  clearCookie('csrf_token');
});

describe('toApiError', () => {
  it('reads the service error shape', async () => {
    const response = new Response(
      JSON.stringify({
        code: 422,
        message: 'title must not be blank',
        details: { field: 'title' },
        requestId: 'req-42',
      }),
      { status: 422, headers: { 'Content-Type': 'application/json' } },
    );

    const error = await toApiError(response);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.message).toBe('title must not be blank');
    expect(error.details).toEqual({ field: 'title' });
    expect(error.requestId).toBe('req-42');
  });

  it("keeps a 429 answer's limit details and Retry-After seconds", async () => {
    const response = new Response(
      JSON.stringify({
        code: 429,
        message: 'Limit reached: requestsPerMinute (60 of 60)',
        details: { limit: 'requestsPerMinute', used: 60, max: 60 },
      }),
      { status: 429, headers: { 'Retry-After': '17' } },
    );

    const error = await toApiError(response);

    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(17);
    expect(error.details).toEqual({
      limit: 'requestsPerMinute',
      used: 60,
      max: 60,
    });
  });

  it('reads Retry-After as seconds or as an HTTP date, and nothing else', () => {
    const now = Date.parse('2026-12-05T12:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5);
    expect(parseRetryAfter('Sat, 05 Dec 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('takes the request id from the X-Request-Id header when the body has none', async () => {
    const response = new Response(
      JSON.stringify({ code: 500, message: 'Internal error' }),
      { status: 500, headers: { 'X-Request-Id': 'hdr-7' } },
    );

    const error = await toApiError(response);

    expect(error.message).toBe('Internal error');
    expect(error.requestId).toBe('hdr-7');
    expect(error.details).toBeUndefined();
  });

  it('falls back to the status line when the body is not the error shape', async () => {
    const response = new Response('<html>Bad gateway</html>', {
      status: 502,
      statusText: 'Bad Gateway',
    });

    const error = await toApiError(response);

    expect(error.status).toBe(502);
    expect(error.message).toBe('The service answered 502 Bad Gateway.');
    expect(error.requestId).toBeUndefined();
  });
});

describe('api', () => {
  it('returns the validated body and sends cookies', async () => {
    let credentials: RequestCredentials | undefined;
    server.use(
      http.get('/api/v1/thing', ({ request }) => {
        credentials = request.credentials;
        return HttpResponse.json({ ok: true, extra: 'dropped' });
      }),
    );

    await expect(api.get('/v1/thing', { schema: okSchema })).resolves.toEqual({
      ok: true,
    });
    expect(credentials).toBe('include');
  });

  it('throws an ApiError with the error shape of a failed call', async () => {
    server.use(
      http.get('/api/v1/thing', () =>
        HttpResponse.json(
          { code: 404, message: 'No such thing', requestId: 'r-1' },
          { status: 404 },
        ),
      ),
    );

    const error = await failure(api.get('/v1/thing', { schema: okSchema }));

    expect(error.status).toBe(404);
    expect(error.message).toBe('No such thing');
    expect(error.requestId).toBe('r-1');
  });

  it('rejects a response that does not match the schema', async () => {
    server.use(
      http.get('/api/v1/thing', () => HttpResponse.json({ ok: 'yes' })),
    );

    const error = await failure(api.get('/v1/thing', { schema: okSchema }));

    expect(error.status).toBe(200);
    expect(error.message).toBe(
      'The service sent an unexpected response to GET /api/v1/thing.',
    );
    expect(error.details).toEqual(expect.any(Array));
  });

  it('reports an unreachable service as status 0', async () => {
    server.use(http.get('/api/v1/thing', () => HttpResponse.error()));

    const error = await failure(api.get('/v1/thing', { schema: okSchema }));

    expect(error.status).toBe(0);
    expect(error.message).toBe('Could not reach the Mini-RAG service.');
  });

  it('sends the CSRF cookie as X-CSRF-Token on unsafe methods only', async () => {
    document.cookie = 'csrf_token=tok%2Fen-1; path=/';
    const seen: Record<string, string | null> = {};
    server.use(
      http.all('/api/v1/thing', ({ request }) => {
        seen[request.method] = request.headers.get('X-CSRF-Token');
        return HttpResponse.json({ ok: true });
      }),
    );

    await api.get('/v1/thing', { schema: okSchema });
    await api.post('/v1/thing', { schema: okSchema, body: { a: 1 } });
    await api.delete('/v1/thing', { schema: okSchema });

    expect(seen).toEqual({ GET: null, POST: 'tok/en-1', DELETE: 'tok/en-1' });
  });

  it('sends no CSRF header when there is no cookie', async () => {
    let header: string | null = 'unset';
    server.use(
      http.post('/api/v1/thing', ({ request }) => {
        header = request.headers.get('X-CSRF-Token');
        return HttpResponse.json({ ok: true });
      }),
    );

    await api.post('/v1/thing', { schema: okSchema, body: {} });

    expect(header).toBeNull();
  });

  it('calls the unauthorized handler on 401 and still fails the call', async () => {
    server.use(
      http.get('/api/v1/thing', () =>
        HttpResponse.json(
          { code: 401, message: 'Sign in first' },
          { status: 401 },
        ),
      ),
    );
    const onUnauthorized = vi.fn();
    const unregister = setUnauthorizedHandler(onUnauthorized);

    try {
      const error = await failure(api.get('/v1/thing', { schema: okSchema }));
      expect(error.status).toBe(401);
      expect(onUnauthorized).toHaveBeenCalledOnce();
      expect(onUnauthorized).toHaveBeenCalledWith(error);
    } finally {
      unregister();
    }
  });

  it('sends the chosen workspace as X-Workspace-Id on every call, and none without a choice', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.all('/api/v1/thing', ({ request }) => {
        seen.push(request.headers.get('X-Workspace-Id'));
        return HttpResponse.json({ ok: true });
      }),
    );

    await api.get('/v1/thing', { schema: okSchema });
    setWorkspaceId('ws-2');
    await api.get('/v1/thing', { schema: okSchema });
    await api.post('/v1/thing', { schema: okSchema, body: {} });

    expect(seen).toEqual([null, 'ws-2', 'ws-2']);
  });
});
