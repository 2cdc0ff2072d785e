/**
 * A small client for the Mini-RAG API: the types are generated from the service's OpenAPI document
 * (src/schema.d.ts, `npm run update-schema`), the calls made with openapi-fetch.
 *
 * Every failed call throws a {@link MiniRagError} carrying the API's one error shape. A 429 or 503
 * answer is retried (up to `maxAttempts`, waiting what `Retry-After` asks, at most
 * `maxRetryWaitMs`; a longer wait fails at once) when a retry cannot do anything twice: reads
 * (GET, search, ask) and DELETE on either status; writes (ingest, refresh, cancel, …) only when the
 * answer carries `Retry-After`, which the service sends when it refused the request before doing
 * any work. A streamed answer is retried only before its first event.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths } from './schema.js';

type Schemas = components['schemas'];

export type SourceView = Schemas['SourceView'];
export type IngestItem = Schemas['ItemResult'];
export type IngestResult = Schemas['BatchResult'];
export type RefreshResult = Schemas['RefreshResult'];
export type JobView = Schemas['JobView'];
export type Usage = Schemas['Usage'];
export type SearchRequest = NonNullable<
  paths['/v1/search']['post']['requestBody']
>['content']['application/json'];
export type SearchResult = Schemas['SearchResult'];
export type Filters = Schemas['Filters'];

// Written here from docs/api.md: the OpenAPI document does not describe the ask answer (the
// endpoint answers a Response), and it marks no field of the pages or the ask request required.

/** A page of sources (`GET /v1/sources`). */
export interface SourcePage {
  items: SourceView[];
  total: number;
  limit: number;
  offset: number;
}

/** A page of jobs (`GET /v1/jobs`). */
export interface JobPage {
  items: JobView[];
  total: number;
  limit: number;
  offset: number;
}

/** `POST /v1/ask`: `k` (1–50) passages retrieved, optional filters. */
export interface AskRequest {
  question: string;
  k?: number;
  filters?: Filters;
}

export interface Citation {
  n: number;
  sourceId: string;
  chunkId: string;
  title?: string | null;
  uri?: string | null;
  fileName?: string | null;
  page?: number;
  startSeconds?: number;
  endSeconds?: number;
  section?: string;
  snippet: string;
  snippetStart?: number;
  snippetEnd?: number;
  score: number;
}

export interface AskResult {
  question: string;
  answer: string;
  abstained: boolean;
  support?: number | null;
  answerer: string;
  citations: Citation[];
  rejectedCitations: number[];
  retrieval?: {
    mode: string;
    fusion?: string | null;
    degraded?: string | null;
    hits: Array<{
      n: number;
      chunkId: string;
      sourceId: string;
      title?: string | null;
      score: number;
    }>;
    timings?: Record<string, number>;
  };
  timings?: { retrievalMs: number; answerMs: number; totalMs: number };
}

/** The one error shape of every non-2xx answer (and of a stream's `error` event). */
export interface ApiError {
  code: number;
  message: string;
  details?: unknown;
  requestId?: string;
}

/** One event of a streamed answer: tokens, then citations, then done (or error). */
export type AskEvent =
  | { type: 'token'; text: string }
  | { type: 'citations'; citations: Citation[] }
  | { type: 'done'; result: AskResult }
  | { type: 'error'; error: ApiError };

/** Every failure of a call. `status` 0: no HTTP answer (network error). */
export class MiniRagError extends Error {
  readonly status: number;
  readonly code: number;
  readonly details: unknown;
  readonly requestId: string | undefined;
  /** What `Retry-After` asked for, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, error: ApiError, retryAfterMs?: number) {
    super(error.message);
    this.name = 'MiniRagError';
    this.status = status;
    this.code = error.code;
    this.details = error.details;
    this.requestId = error.requestId;
    this.retryAfterMs = retryAfterMs;
  }
}

export interface MiniRagClientOptions {
  /** The server's address, e.g. `https://rag.example.com` (the API lives under `/api`). */
  baseUrl: string;
  /** An API key (`mrk_…`), sent as `X-API-Key`; it picks the workspace. */
  apiKey?: string;
  /** Attempts per call, the first included (default 3; 1 turns retrying off). */
  maxAttempts?: number;
  /** The longest wait before a retry (default 30 000 ms). */
  maxRetryWaitMs?: number;
  /** First wait for a read refused without `Retry-After` (default 500 ms, doubled per attempt). */
  initialBackoffMs?: number;
  /** Your own fetch (default: the global one). */
  fetch?: (input: Request) => Promise<Response>;
  /** Waits between attempts (tests replace it). */
  sleep?: (ms: number) => Promise<void>;
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Safe to repeat: reads, DELETE, and the read-only POSTs (search, ask). */
function isSafe(request: Request): boolean {
  if (['GET', 'HEAD', 'DELETE', 'PUT'].includes(request.method)) return true;
  const path = new URL(request.url).pathname;
  return request.method === 'POST' && /\/api\/v1\/(search|ask)$/.test(path);
}

async function errorOf(response: Response): Promise<MiniRagError> {
  const text = await response.text().catch(() => '');
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  const wait = retryAfterMs(response.headers.get('Retry-After'));
  try {
    const body = JSON.parse(text) as Partial<ApiError>;
    if (body && typeof body.message === 'string') {
      return new MiniRagError(
        response.status,
        {
          code: body.code ?? response.status,
          message: body.message,
          details: body.details,
          requestId: body.requestId ?? requestId,
        },
        wait,
      );
    }
  } catch {
    // not the error shape (a proxy's page): described from the status below
  }
  const snippet = text.trim().slice(0, 200);
  return new MiniRagError(
    response.status,
    {
      code: response.status,
      message: `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`,
      requestId,
    },
    wait,
  );
}

/** A fetch that retries 429/503 by the rule above and throws MiniRagError for any other non-2xx. */
function retryingFetch(
  options: MiniRagClientOptions,
): (input: Request) => Promise<Response> {
  const doFetch = options.fetch ?? ((r: Request) => fetch(r));
  const maxAttempts = options.maxAttempts ?? 3;
  const maxWait = options.maxRetryWaitMs ?? 30_000;
  const backoff = options.initialBackoffMs ?? 500;
  const sleep =
    options.sleep ??
    ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async (request: Request) => {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(request.clone());
      } catch (e) {
        throw new MiniRagError(0, {
          code: 0,
          message: `${request.method} ${request.url} failed: ${String(e)}`,
        });
      }
      if (response.ok) return response;
      const error = await errorOf(response);
      const retryable = response.status === 429 || response.status === 503;
      const asked = error.retryAfterMs;
      if (
        !retryable ||
        attempt >= maxAttempts ||
        (asked === undefined && !isSafe(request))
      )
        throw error;
      const wait = asked ?? backoff * 2 ** (attempt - 1);
      if (wait > maxWait) throw error;
      await sleep(wait);
    }
  };
}

/** Reads server-sent events from a response body. */
export async function* readEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<{ event: string; data: string }> {
  const decoder = new TextDecoder();
  let buffer = '';
  let name: string | undefined;
  let data: string[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done
        ? decoder.decode()
        : decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (data.length > 0)
            yield { event: name ?? 'message', data: data.join('\n') };
          name = undefined;
          data = [];
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value =
            colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') name = value;
          else if (field === 'data') data.push(value);
        }
      }
      if (done) break;
    }
    if (data.length > 0)
      yield { event: name ?? 'message', data: data.join('\n') };
  } finally {
    reader.releaseLock();
  }
}

function toEvent(e: { event: string; data: string }): AskEvent {
  const data: unknown = JSON.parse(e.data);
  switch (e.event) {
    case 'token':
      return { type: 'token', text: (data as { text: string }).text };
    case 'citations':
      return { type: 'citations', citations: data as Citation[] };
    case 'done':
      return { type: 'done', result: data as AskResult };
    case 'error':
      return { type: 'error', error: data as ApiError };
    default:
      throw new MiniRagError(0, {
        code: 0,
        message: `unknown event in the answer stream: ${e.event}`,
      });
  }
}

/** A file to upload: its name (kept as the source's fileName) and its bytes. */
export interface FileUpload {
  name: string;
  content: Blob | Uint8Array | string;
  type?: string;
}

export interface SourceQuery {
  kind?: string;
  status?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export interface JobQuery {
  kind?: string;
  status?: string;
  subjectId?: string;
  limit?: number;
  offset?: number;
}

/** The data of a call that did not throw (retryingFetch throws for every non-2xx). */
function ok<T>(result: { data?: T }): T {
  return result.data as T;
}

export type MiniRagClient = ReturnType<typeof createMiniRagClient>;

/** A client bound to one server and API key. `api` is the typed openapi-fetch client for every endpoint. */
export function createMiniRagClient(options: MiniRagClientOptions) {
  const root = options.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = options.apiKey
    ? { 'X-API-Key': options.apiKey }
    : {};
  const send = retryingFetch(options);
  const api: Client<paths> = createClient<paths>({
    baseUrl: `${root}/api`,
    headers,
    fetch: send,
  });

  async function raw(
    method: string,
    path: string,
    body: BodyInit,
    contentType?: string,
    accept = 'application/json',
  ) {
    const h = new Headers(headers);
    h.set('Accept', accept);
    if (contentType) h.set('Content-Type', contentType);
    return send(
      new Request(`${root}/api${path}`, { method, headers: h, body }),
    );
  }

  async function* askEvents(request: AskRequest): AsyncGenerator<AskEvent> {
    const response = await raw(
      'POST',
      '/v1/ask',
      JSON.stringify(request),
      'application/json',
      'text/event-stream',
    );
    if (!response.body) return;
    for await (const e of readEvents(response.body)) {
      const event = toEvent(e);
      yield event;
      if (event.type === 'done' || event.type === 'error') return;
    }
  }

  return {
    api,

    async addText(
      title: string,
      text: string,
      externalId?: string,
    ): Promise<IngestResult> {
      return ok(
        await api.POST('/v1/sources/text', {
          body: { title, text, externalId },
        }),
      ) as IngestResult;
    },

    async addUrls(urls: string[]): Promise<IngestResult> {
      return ok(await api.POST('/v1/sources/urls', { body: { urls } }));
    },

    async addYoutube(url: string): Promise<IngestResult> {
      return ok(
        await api.POST('/v1/sources/youtube', { body: { url } }),
      ) as IngestResult;
    },

    async addFiles(files: FileUpload[]): Promise<IngestResult> {
      const form = new FormData();
      for (const f of files) {
        const blob =
          f.content instanceof Blob
            ? f.content
            : new Blob([f.content as BlobPart], {
                type: f.type ?? 'application/octet-stream',
              });
        form.append('files', blob, f.name);
      }
      return (await (
        await raw('POST', '/v1/sources/files', form)
      ).json()) as IngestResult;
    },

    async listSources(query: SourceQuery = {}): Promise<SourcePage> {
      return ok(
        await api.GET('/v1/sources', { params: { query } }),
      ) as unknown as SourcePage;
    },

    async getSource(id: string): Promise<SourceView> {
      return ok(
        await api.GET('/v1/sources/{id}', { params: { path: { id } } }),
      );
    },

    async deleteSource(id: string): Promise<void> {
      await api.DELETE('/v1/sources/{id}', { params: { path: { id } } });
    },

    async refreshSource(id: string): Promise<RefreshResult> {
      return ok(
        await api.POST('/v1/sources/{id}/refresh', {
          params: { path: { id } },
        }),
      );
    },

    async search(request: SearchRequest | string): Promise<SearchResult> {
      const body = typeof request === 'string' ? { query: request } : request;
      return ok(await api.POST('/v1/search', { body }));
    },

    async ask(request: AskRequest | string): Promise<AskResult> {
      const body =
        typeof request === 'string' ? { question: request } : request;
      return (await (
        await raw('POST', '/v1/ask', JSON.stringify(body), 'application/json')
      ).json()) as AskResult;
    },

    /**
     * The answer as it is written: an async iterable of events (token…, citations, done or error).
     * A refusal before the stream starts (422, 429 after retries, …) throws.
     */
    askStream(request: AskRequest | string): AsyncGenerator<AskEvent> {
      return askEvents(
        typeof request === 'string' ? { question: request } : request,
      );
    },

    async listJobs(query: JobQuery = {}): Promise<JobPage> {
      return ok(
        await api.GET('/v1/jobs', { params: { query } }),
      ) as unknown as JobPage;
    },

    async getJob(id: string): Promise<JobView> {
      return ok(await api.GET('/v1/jobs/{id}', { params: { path: { id } } }));
    },

    async cancelJob(id: string): Promise<JobView> {
      return ok(
        await api.POST('/v1/jobs/{id}/cancel', { params: { path: { id } } }),
      );
    },

    async usage(): Promise<Usage> {
      return ok(await api.GET('/v1/usage'));
    },
  };
}
