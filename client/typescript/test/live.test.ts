/**
 * The client against a running service: set MINIRAG_URL and MINIRAG_API_KEY (a key with read and
 * write on a workspace of its own). The service's TypeScriptClientIT runs this with a fresh app.
 */
import { describe, expect, it } from 'vitest';
import {
  createMiniRagClient,
  MiniRagError,
  type AskEvent,
} from '../src/index.js';

const url = process.env.MINIRAG_URL;
const apiKey = process.env.MINIRAG_API_KEY;

describe.skipIf(!url || !apiKey)('against the running service', () => {
  const client = createMiniRagClient({ baseUrl: url ?? '', apiKey });

  it('adds text, finds it, answers from it, lists it and counts it', async () => {
    const added = await client.addText(
      'Lighthouse log',
      'The keeper polished the Fresnel lens every morning at dawn. Supplies arrived by boat on Tuesdays.',
    );
    const item = added.items?.[0];
    expect(item?.status).toBe('accepted');
    expect(item?.sourceStatus).toBe('ready');

    const found = await client.search({ query: 'who polished the lens', k: 3 });
    expect(found.hits?.[0]?.sourceId).toBe(item?.sourceId);
    expect(found.hits?.[0]?.text).toContain('Fresnel lens');

    const answer = await client.ask(
      'What did the keeper polish every morning?',
    );
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('Fresnel lens');
    expect(answer.citations[0]?.sourceId).toBe(item?.sourceId);

    const events: AskEvent[] = [];
    for await (const e of client.askStream({
      question: 'What did the keeper polish every morning?',
    }))
      events.push(e);
    expect(events[0]?.type).toBe('token');
    const last = events.at(-1);
    expect(last?.type).toBe('done');
    const tokens = events
      .flatMap((e) => (e.type === 'token' ? [e.text] : []))
      .join('');
    expect(last?.type === 'done' && last.result.answer).toBe(tokens);

    const listed = await client.listSources({ kind: 'text' });
    expect(listed.total).toBeGreaterThanOrEqual(1);
    expect(listed.items.map((s) => s.id)).toContain(item?.sourceId);
    const source = await client.getSource(item?.sourceId ?? '');
    expect(source.chunks?.[0]?.text).toContain('Fresnel lens');

    const usage = await client.usage();
    const asks = usage.limits?.find((l) => l.limit === 'asksPerDay');
    expect(asks?.used).toBeGreaterThanOrEqual(2);
  });

  it('uploads a file and follows the jobs list', async () => {
    const uploaded = await client.addFiles([
      {
        name: 'bees.md',
        content:
          '# Hives\n\nWorker bees dance to show where the clover grows.\n',
      },
    ]);
    expect(uploaded.items?.[0]?.status).toBe('accepted');
    const id = uploaded.items?.[0]?.sourceId ?? '';
    expect((await client.getSource(id)).fileName).toBe('bees.md');
    await client.deleteSource(id);
    await expect(client.getSource(id)).rejects.toMatchObject({ status: 404 });
    const jobs = await client.listJobs({ limit: 5 });
    expect(jobs.limit).toBe(5);
    expect(Array.isArray(jobs.items)).toBe(true);
  });

  it('throws MiniRagError with the error shape for 404, 422 and 401', async () => {
    const missing = await client
      .getSource('00000000-0000-4000-8000-000000000000')
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MiniRagError);
    expect(missing).toMatchObject({ status: 404, code: 404 });
    expect((missing as MiniRagError).requestId).toBeTruthy();

    await expect(
      client.ask({ question: 'why?', k: 500 }),
    ).rejects.toMatchObject({ status: 422, details: { field: 'k' } });
    await expect(client.askStream(' ').next()).rejects.toMatchObject({
      status: 422,
    });

    const anonymous = createMiniRagClient({
      baseUrl: url ?? '',
      maxAttempts: 1,
    });
    await expect(anonymous.usage()).rejects.toMatchObject({ status: 401 });
  });
});
