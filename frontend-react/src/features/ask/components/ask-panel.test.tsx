import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';

import { errorBody, textSourceDetail } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const citation = {
  n: 1,
  sourceId: 'src-1',
  chunkId: 'chunk-1',
  title: 'Lighthouse log',
  snippet: 'The keeper polished the Fresnel lens every morning at dawn.',
  snippetStart: 0,
  snippetEnd: 59,
  score: 1,
  startSeconds: 75,
  endSeconds: 80,
};

const done = {
  question: 'What did the keeper polish?',
  answer: 'The keeper polished the Fresnel lens every morning at dawn. [1]',
  answerer: 'extractive',
  citations: [citation],
  rejectedCitations: [],
  retrieval: {
    mode: 'hybrid',
    fusion: 'convex',
    degraded: 'no embedding model configured',
    hits: [
      {
        n: 1,
        chunkId: 'chunk-1',
        sourceId: 'src-1',
        title: 'Lighthouse log',
        score: 1,
        bm25Rank: 1,
        bm25Score: 1.73,
        vectorRank: 2,
        vectorScore: 0.61,
      },
    ],
    timings: { bm25Ms: 3.1, totalMs: 12.4 },
  },
  timings: { retrievalMs: 12.9, answerMs: 1.4, totalMs: 14.3 },
};

function sse(events: [string, unknown][]): string {
  return events
    .map(
      ([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`,
    )
    .join('');
}

function streamOf(text: string) {
  const encoder = new TextEncoder();
  // Split into small pieces so the parser sees events cut mid-line.
  const pieces = text.match(/[\s\S]{1,17}/g) ?? [];
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) {
        controller.enqueue(encoder.encode(piece));
      }
      controller.close();
    },
  });
}

function answerWith(events: [string, unknown][]) {
  server.use(
    http.post('/api/v1/ask', ({ request }) => {
      expect(request.headers.get('Accept')).toBe('text/event-stream');
      return new HttpResponse(streamOf(sse(events)), {
        headers: { 'Content-Type': 'text/event-stream' },
      });
    }),
    http.get('/api/v1/sources/src-1', () =>
      HttpResponse.json(textSourceDetail),
    ),
  );
}

async function askViaKeyboard(question = 'What did the keeper polish?') {
  const user = userEvent.setup();
  renderApp('/ask');
  const box = screen.getByLabelText('Your question');
  await user.type(box, question);
  await user.keyboard('{Control>}{Enter}{/Control}');
  return { user, box };
}

describe('Ask', () => {
  it('shows the empty state before a question', () => {
    renderApp('/ask');
    expect(screen.getByText(/Ask a question about your sources/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Ask' })).toBeDisabled();
  });

  it('Ctrl+K focuses the question box', async () => {
    const user = userEvent.setup();
    renderApp('/ask');
    await user.click(screen.getByRole('link', { name: 'Skip to content' }));
    await user.keyboard('{Control>}k{/Control}');
    expect(screen.getByLabelText('Your question')).toHaveFocus();
  });

  it('⌘+Enter submits on a Mac', async () => {
    answerWith([
      ['token', { text: done.answer }],
      ['citations', [citation]],
      ['done', done],
    ]);
    const user = userEvent.setup();
    renderApp('/ask');
    await user.type(screen.getByLabelText('Your question'), 'Keeper?');
    await user.keyboard('{Meta>}{Enter}{/Meta}');

    expect(
      await screen.findByRole('button', {
        name: '[1] Lighthouse log · 01:15–01:20',
      }),
    ).toBeInTheDocument();
  });

  it('streams the answer with citation chips and the retrieval details', async () => {
    answerWith([
      ['token', { text: 'The keeper polished the Fresnel lens' }],
      ['token', { text: ' every morning at dawn. [1]' }],
      ['citations', [citation]],
      ['done', done],
    ]);
    const { user } = await askViaKeyboard();

    expect(
      await screen.findByRole('button', {
        name: '[1] Lighthouse log · 01:15–01:20',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Citation 1: Lighthouse log' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The keeper polished the Fresnel lens every morning/),
    ).toBeInTheDocument();

    await user.click(screen.getByText('Why this answer'));
    const table = screen.getByRole('table');
    expect(
      within(table).getByRole('rowheader', { name: 'Lighthouse log' }),
    ).toBeVisible();
    expect(within(table).getByText('1.730')).toBeVisible();
    expect(within(table).getByText('0.610')).toBeVisible();
    expect(screen.getByText(/Degraded: no embedding model/)).toBeVisible();
    expect(screen.getByText(/Answer timings: retrieval 12.9 ms/)).toBeVisible();
  });

  it('opens the chunk preview with the cited sentence highlighted; Escape closes it and focus returns', async () => {
    answerWith([
      ['token', { text: done.answer }],
      ['citations', [citation]],
      ['done', done],
    ]);
    const { user } = await askViaKeyboard();
    const chip = await screen.findByRole('button', {
      name: '[1] Lighthouse log · 01:15–01:20',
    });

    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    await user.click(chip);
    const dialog = screen.getByRole('dialog', { name: 'Chunk preview' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    await waitFor(() => {
      expect(dialog.querySelector('mark')).toHaveTextContent(
        'The keeper polished the Fresnel lens every morning at dawn.',
      );
    });
    // The highlighted sentence is scrolled into view, not left below the fold.
    expect(scrolled.mock.contexts).toContain(dialog.querySelector('mark'));
    expect(within(dialog).getByText(/01:15–01:20/)).toBeVisible();
    expect(
      within(dialog).getByRole('link', { name: 'Back to sources' }),
    ).toHaveAttribute('href', '/sources');
    expect(
      within(dialog).getByRole('link', { name: 'View source' }),
    ).toHaveAttribute('href', '/sources/src-1');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(chip).toHaveFocus();
  });

  it('shows an error event with its message and request id', async () => {
    answerWith([
      ['error', errorBody(504, 'The language model did not answer in time')],
    ]);
    await askViaKeyboard();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The language model did not answer in time',
    );
    expect(alert).toHaveTextContent('req-504');
  });

  it('shows an HTTP error answer', async () => {
    server.use(
      http.post('/api/v1/ask', () =>
        HttpResponse.json(errorBody(422, 'Request is invalid'), {
          status: 422,
        }),
      ),
    );
    await askViaKeyboard();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Request is invalid');
    expect(alert).toHaveTextContent('req-422');
    expect(
      within(alert).getByRole('button', { name: 'Try again' }),
    ).toBeVisible();
  });

  it('says when nothing supports an answer', async () => {
    answerWith([
      ['citations', []],
      ['done', { ...done, answer: '', citations: [] }],
    ]);
    await askViaKeyboard();

    expect(
      await screen.findByText(/No source passage supports an answer/),
    ).toBeVisible();
  });

  it('names a cited file with its page and heading', async () => {
    const pdf = {
      ...citation,
      fileName: 'pump-manual.pdf',
      title: 'Pump manual',
      page: 2,
      section: 'Priming',
      startSeconds: undefined,
      endSeconds: undefined,
    };
    answerWith([
      ['token', { text: done.answer }],
      ['citations', [pdf]],
      ['done', { ...done, citations: [pdf] }],
    ]);
    await askViaKeyboard();

    expect(
      await screen.findByRole('button', {
        name: '[1] pump-manual.pdf · p. 2 · § Priming',
      }),
    ).toBeVisible();
    expect(
      screen.getByRole('heading', { name: 'Sources cited' }),
    ).toBeVisible();
  });

  it('offers the closest passages when the answer was not found', async () => {
    const notFound =
      'I could not find this in your documents. The closest passages: [1].';
    answerWith([
      ['token', { text: notFound }],
      ['citations', [citation]],
      ['done', { ...done, answer: notFound, abstained: true }],
    ]);
    await askViaKeyboard();

    expect(
      await screen.findByRole('heading', { name: 'Closest passages' }),
    ).toBeVisible();
    expect(
      screen.queryByRole('heading', { name: 'Sources cited' }),
    ).not.toBeInTheDocument();
  });

  it('shows a loading state while waiting for the first token', async () => {
    server.use(
      http.post('/api/v1/ask', () => new Promise<Response>(() => undefined)),
    );
    await askViaKeyboard();
    expect(await screen.findByText('Searching your sources…')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Answering…' })).toBeDisabled();
  });
});
