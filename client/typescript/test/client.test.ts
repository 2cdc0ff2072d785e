import { describe, expect, it } from 'vitest';
import {
  createMiniRagClient,
  MiniRagError,
  readEvents,
  retryAfterMs,
} from '../src/index.js';

type Scripted = {
  status: number;
  body?: string;
  headers?: Record<string, string>;
};

/** A fetch that answers from a script and records what it was sent. */
function scripted(...answers: Scripted[]) {
  const seen: {
    method: string;
    url: string;
    headers: Headers;
    body: string;
  }[] = [];
  const waits: number[] = [];
  const fetch = async (request: Request) => {
    seen.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: await request.text(),
    });
    const a = answers.shift() ?? {
      status: 500,
      body: '{"code":500,"message":"no answer scripted"}',
    };
    return new Response(a.body ?? null, {
      status: a.status,
      headers: { 'Content-Type': 'application/json', ...a.headers },
    });
  };
  const client = createMiniRagClient({
    baseUrl: 'http://mini-rag.test/',
    apiKey: 'mrk_test_secret',
    fetch,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { client, seen, waits };
}

const ITEM =
  '{"items":[{"input":"t","status":"accepted","sourceId":"8d1c4b5e-1d2f-4a6b-9c3d-2e1f0a9b8c7d","sourceStatus":"ready"}]}';

describe('the client, against a scripted server', () => {
  it("sends the key and JSON to the API's path", async () => {
    const { client, seen } = scripted({ status: 201, body: ITEM });
    const result = await client.addText(
      'Lighthouse log',
      'The keeper polished the lens.',
    );
    expect(result.items?.[0]?.status).toBe('accepted');
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('http://mini-rag.test/api/v1/sources/text');
    expect(seen[0]?.headers.get('X-API-Key')).toBe('mrk_test_secret');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      title: 'Lighthouse log',
      text: 'The keeper polished the lens.',
    });
  });

  it('throws one error type carrying the error shape', async () => {
    const { client } = scripted({
      status: 422,
      body: '{"code":422,"message":"Request is invalid","details":[{"field":"text","message":"must not be blank"}],"requestId":"req-1"}',
    });
    const error = await client.addText('t', ' ').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniRagError);
    expect(error).toMatchObject({
      status: 422,
      code: 422,
      message: 'Request is invalid',
      requestId: 'req-1',
    });
    expect((error as MiniRagError).details).toEqual([
      { field: 'text', message: 'must not be blank' },
    ]);
  });

  it('retries a read refused with 429/503 after the wait the server asks', async () => {
    const { client, seen, waits } = scripted(
      {
        status: 429,
        body: '{"code":429,"message":"slow down"}',
        headers: { 'Retry-After': '2' },
      },
      { status: 503, body: '{"code":503,"message":"busy"}' },
      { status: 200, body: '{"items":[],"total":0,"limit":20,"offset":0}' },
    );
    expect((await client.listSources()).total).toBe(0);
    expect(seen).toHaveLength(3);
    expect(waits).toEqual([2000, 1000]);
  });

  it('retries a write only when Retry-After says it was refused before any work', async () => {
    const first = scripted(
      {
        status: 503,
        body: '{"code":503,"message":"parsers busy"}',
        headers: { 'Retry-After': '1' },
      },
      { status: 201, body: ITEM },
    );
    await first.client.addYoutube('https://youtu.be/x');
    expect(first.seen).toHaveLength(2);
    expect(first.seen[1]?.body).toBe('{"url":"https://youtu.be/x"}');

    const second = scripted({
      status: 503,
      body: '{"code":503,"message":"unavailable"}',
    });
    await expect(second.client.addText('t', 'x')).rejects.toMatchObject({
      status: 503,
    });
    expect(second.seen).toHaveLength(1);
  });

  it('fails at once when the server asks for a longer wait than the cap', async () => {
    const { client, seen } = scripted({
      status: 429,
      body: '{"code":429,"message":"Daily ask quota used"}',
      headers: { 'Retry-After': '36000' },
    });
    await expect(client.ask('why?')).rejects.toMatchObject({
      status: 429,
      retryAfterMs: 36_000_000,
    });
    expect(seen).toHaveLength(1);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-12-05T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Sat, 05 Dec 2026 10:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('Sat, 05 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('streams an answer as typed events', async () => {
    const done =
      '{"question":"q","answer":"The lens. [1]","abstained":false,"answerer":"extractive","citations":[],"rejectedCitations":[]}';
    const body =
      'event: token\ndata: {"text":"The "}\n\n' +
      'event: token\ndata: {"text":"lens. [1]"}\n\n' +
      'event: citations\ndata: []\n\n' +
      `event: done\ndata: ${done}\n\n`;
    const { client, seen } = scripted({
      status: 200,
      body,
      headers: { 'Content-Type': 'text/event-stream' },
    });
    const events = [];
    for await (const e of client.askStream('q')) events.push(e);
    expect(seen[0]?.headers.get('Accept')).toBe('text/event-stream');
    expect(events.map((e) => e.type)).toEqual([
      'token',
      'token',
      'citations',
      'done',
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      result: { answer: 'The lens. [1]' },
    });
  });

  it('reads events split anywhere across chunks', async () => {
    const text =
      'event: token\r\ndata: {"text":"a"}\r\n\r\nevent: done\ndata: {"x":\ndata: 1}\n\n';
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 5)
          controller.enqueue(bytes.slice(i, i + 5));
        controller.close();
      },
    });
    const events = [];
    for await (const e of readEvents(stream)) events.push(e);
    expect(events).toEqual([
      { event: 'token', data: '{"text":"a"}' },
      { event: 'done', data: '{"x":\n1}' },
    ]);
  });
});
