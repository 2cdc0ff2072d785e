import { z } from 'zod';

import {
  API_BASE_PATH,
  CSRF_COOKIE_NAME,
  CSRF_HEADER_NAME,
  WORKSPACE_HEADER_NAME,
} from '@/config/env';

import { getWorkspaceId } from './workspace';

/** The one error shape every non-2xx answer of the service uses. */
export const errorBodySchema = z.object({
  code: z.number().int(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * A failed call to the service. `status` is the HTTP status, or 0 when the service
 * could not be reached at all.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | undefined;
  /** The `Retry-After` header in seconds, when the service sent one (429, 503). */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    message: string;
    details?: unknown;
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** `Retry-After` as seconds; the service sends delta-seconds (an HTTP date is read too). */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date)
    ? undefined
    : Math.max(0, Math.ceil((date - now) / 1000));
}

type UnauthorizedHandler = (error: ApiError) => void;

let unauthorizedHandler: UnauthorizedHandler | null = null;

/**
 * Registers what happens when the service answers 401 (the app sends the user to the
 * sign-in route). The request still fails with an ApiError. Returns an unregister function.
 */
export function setUnauthorizedHandler(
  handler: UnauthorizedHandler | null,
): () => void {
  unauthorizedHandler = handler;
  return () => {
    if (unauthorizedHandler === handler) {
      unauthorizedHandler = null;
    }
  };
}

/** Tells the app the caller is not signed in, as a 401 from any call does. */
export function notifyUnauthorized(error: ApiError): void {
  unauthorizedHandler?.(error);
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [rawKey, ...rest] = part.trim().split('=');
    if (rawKey === name) {
      const value = rest.join('=');
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

/** Every call acts on the chosen workspace; without a choice the server uses the user's default. */
function setWorkspaceHeader(headers: Headers): void {
  const workspaceId = getWorkspaceId();
  if (workspaceId && !headers.has(WORKSPACE_HEADER_NAME)) {
    headers.set(WORKSPACE_HEADER_NAME, workspaceId);
  }
}

/** Turns a non-2xx response into an ApiError, reading the service's error shape when present. */
export async function toApiError(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get('X-Request-Id') ?? undefined;
  const retryAfterSeconds = parseRetryAfter(
    response.headers.get('Retry-After'),
  );
  let body: unknown = undefined;
  try {
    body = JSON.parse(await response.text());
  } catch {
    // Not JSON (for example a proxy's HTML error page): fall back to the status line.
  }
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    return new ApiError({
      status: response.status,
      message: parsed.data.message,
      details: parsed.data.details,
      requestId: parsed.data.requestId ?? headerRequestId,
      retryAfterSeconds,
    });
  }
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError({
    status: response.status,
    message: `The service answered ${response.status}${statusText}.`,
    requestId: headerRequestId,
    retryAfterSeconds,
  });
}

type RequestOptions<S extends z.ZodType> = {
  /** Validates the response body; the call fails with an ApiError when it does not match. */
  schema: S;
  body?: unknown;
  headers?: HeadersInit;
  signal?: AbortSignal;
};

async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  { schema, body, headers: extraHeaders, signal }: RequestOptions<S>,
): Promise<z.output<S>> {
  const url = new URL(`${API_BASE_PATH}${path}`, window.location.origin);
  const headers = new Headers(extraHeaders);
  if (!headers.has('Accept')) {
    headers.set('Accept', 'application/json');
  }
  setWorkspaceHeader(headers);
  if (UNSAFE_METHODS.has(method)) {
    const csrfToken = readCookie(CSRF_COOKIE_NAME);
    if (csrfToken) {
      headers.set(CSRF_HEADER_NAME, csrfToken);
    }
  }

  let requestBody: BodyInit | undefined;
  if (body instanceof FormData) {
    requestBody = body;
  } else if (body !== undefined) {
    headers.set('Content-Type', 'application/json');
    requestBody = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: requestBody,
      credentials: 'include',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    throw new ApiError({
      status: 0,
      message: 'Could not reach the Mini-RAG service.',
      details: error instanceof Error ? error.message : undefined,
    });
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) {
      unauthorizedHandler?.(error);
    }
    throw error;
  }

  const text = response.status === 204 ? '' : await response.text();
  let data: unknown = undefined;
  if (text !== '') {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError({
        status: response.status,
        message: `The service sent a response to ${method} ${url.pathname} that is not JSON.`,
        requestId: response.headers.get('X-Request-Id') ?? undefined,
      });
    }
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      message: `The service sent an unexpected response to ${method} ${url.pathname}.`,
      details: parsed.error.issues,
      requestId: response.headers.get('X-Request-Id') ?? undefined,
    });
  }
  return parsed.data;
}

/**
 * POSTs JSON and hands back the raw response for reading as a stream (Server-Sent Events).
 * A non-2xx answer fails with an ApiError, as every other call.
 */
export async function postForStream(
  path: string,
  {
    body,
    accept,
    signal,
  }: { body: unknown; accept: string; signal?: AbortSignal },
): Promise<Response> {
  const headers = new Headers({
    Accept: accept,
    'Content-Type': 'application/json',
  });
  setWorkspaceHeader(headers);
  const csrfToken = readCookie(CSRF_COOKIE_NAME);
  if (csrfToken) {
    headers.set(CSRF_HEADER_NAME, csrfToken);
  }
  let response: Response;
  try {
    response = await fetch(
      new URL(`${API_BASE_PATH}${path}`, window.location.origin),
      {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        credentials: 'include',
        signal,
      },
    );
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    throw new ApiError({
      status: 0,
      message: 'Could not reach the Mini-RAG service.',
    });
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) {
      unauthorizedHandler?.(error);
    }
    throw error;
  }
  return response;
}

/**
 * POSTs a multipart form with XMLHttpRequest so upload progress can be reported
 * (`onProgress` gets 0..1). Validates the JSON answer with `schema`.
 */
export function uploadForm<S extends z.ZodType>(
  path: string,
  {
    form,
    schema,
    onProgress,
    signal,
  }: {
    form: FormData;
    schema: S;
    onProgress?: (fraction: number) => void;
    signal?: AbortSignal;
  },
): Promise<z.output<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE_PATH}${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const workspaceId = getWorkspaceId();
    if (workspaceId) {
      xhr.setRequestHeader(WORKSPACE_HEADER_NAME, workspaceId);
    }
    const csrfToken = readCookie(CSRF_COOKIE_NAME);
    if (csrfToken) {
      xhr.setRequestHeader(CSRF_HEADER_NAME, csrfToken);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress?.(event.loaded / event.total);
      }
    };
    xhr.onerror = () => {
      reject(
        new ApiError({
          status: 0,
          message: 'Could not reach the Mini-RAG service.',
        }),
      );
    };
    xhr.onabort = () => {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    xhr.onload = () => {
      const requestId = xhr.getResponseHeader('X-Request-Id') ?? undefined;
      const retryAfterSeconds = parseRetryAfter(
        xhr.getResponseHeader('Retry-After'),
      );
      let data: unknown = undefined;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // handled below
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        const parsedError = errorBodySchema.safeParse(data);
        const error = parsedError.success
          ? new ApiError({
              status: xhr.status,
              message: parsedError.data.message,
              details: parsedError.data.details,
              requestId: parsedError.data.requestId ?? requestId,
              retryAfterSeconds,
            })
          : new ApiError({
              status: xhr.status,
              message: `The service answered ${xhr.status}.`,
              requestId,
              retryAfterSeconds,
            });
        if (xhr.status === 401) {
          unauthorizedHandler?.(error);
        }
        reject(error);
        return;
      }
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        reject(
          new ApiError({
            status: xhr.status,
            message: `The service sent an unexpected response to POST ${path}.`,
            requestId,
          }),
        );
        return;
      }
      onProgress?.(1);
      resolve(parsed.data);
    };
    signal?.addEventListener('abort', () => {
      xhr.abort();
    });
    xhr.send(form);
  });
}

type BodylessOptions<S extends z.ZodType> = Omit<RequestOptions<S>, 'body'>;

/** The one HTTP client of the console: cookies, CSRF header, error shape, response validation. */
export const api = {
  get: <S extends z.ZodType>(path: string, options: BodylessOptions<S>) =>
    request('GET', path, options),
  post: <S extends z.ZodType>(path: string, options: RequestOptions<S>) =>
    request('POST', path, options),
  put: <S extends z.ZodType>(path: string, options: RequestOptions<S>) =>
    request('PUT', path, options),
  patch: <S extends z.ZodType>(path: string, options: RequestOptions<S>) =>
    request('PATCH', path, options),
  delete: <S extends z.ZodType>(path: string, options: BodylessOptions<S>) =>
    request('DELETE', path, options),
};

/** What to show a person for a failed call: the message and, when known, the request id. */
export function describeError(error: unknown): {
  message: string;
  requestId: string | undefined;
} {
  if (error instanceof ApiError) {
    return { message: error.message, requestId: error.requestId };
  }
  if (error instanceof Error) {
    return { message: error.message, requestId: undefined };
  }
  return { message: 'Something went wrong.', requestId: undefined };
}
