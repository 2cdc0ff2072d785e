import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { errorBody } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('Ingest', () => {
  it('adds raw text and shows the result inline and as a toast', async () => {
    let body: unknown;
    server.use(
      http.post('/api/v1/sources/text', async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          {
            items: [
              {
                input: 'Lighthouse log',
                status: 'accepted',
                sourceId: 'src-1',
                sourceStatus: 'ready',
              },
            ],
          },
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup();
    renderApp('/ingest');

    await user.type(screen.getByLabelText('Title'), 'Lighthouse log');
    await user.type(screen.getByLabelText('Text'), 'The keeper polished.');
    await user.click(screen.getByRole('button', { name: 'Add text' }));

    const results = await screen.findByRole('list', { name: 'Text results' });
    expect(await within(results).findByText('accepted')).toBeVisible();
    expect(
      within(results).getByRole('link', { name: 'View source' }),
    ).toHaveAttribute('href', '/sources/src-1');
    expect(body).toEqual({
      title: 'Lighthouse log',
      text: 'The keeper polished.',
    });
    expect(
      screen.getByText('Text “Lighthouse log”: accepted.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveValue('');
  });

  it('links a duplicate to the existing source', async () => {
    server.use(
      http.post('/api/v1/sources/text', () =>
        HttpResponse.json({
          items: [{ input: 'Again', status: 'duplicate', sourceId: 'old-1' }],
        }),
      ),
    );
    const user = userEvent.setup();
    renderApp('/ingest');
    await user.type(screen.getByLabelText('Title'), 'Again');
    await user.type(screen.getByLabelText('Text'), 'Same text');
    await user.click(screen.getByRole('button', { name: 'Add text' }));

    expect(
      await screen.findByRole('link', { name: 'Existing source' }),
    ).toHaveAttribute('href', '/sources/old-1');
  });

  it('keeps accepted URLs and retries only the failed ones', async () => {
    const requests: string[][] = [];
    server.use(
      http.post('/api/v1/sources/urls', async ({ request }) => {
        const { urls } = (await request.json()) as { urls: string[] };
        requests.push(urls);
        return HttpResponse.json({
          items: urls.map((url) =>
            url.includes('bad') && requests.length === 1
              ? { input: url, status: 'failed', code: 429, error: 'Slow down' }
              : { input: url, status: 'accepted', sourceId: `id-${url}` },
          ),
        });
      }),
    );
    const user = userEvent.setup();
    renderApp('/ingest');

    await user.type(
      screen.getByLabelText('URLs, one per line'),
      'https://good.example/\nhttps://bad.example/',
    );
    await user.click(screen.getByRole('button', { name: 'Add URLs' }));

    const results = await screen.findByRole('list', { name: 'URL results' });
    expect(
      await within(results).findByText(
        'Too many requests — try again in a moment. (Slow down)',
      ),
    ).toBeVisible();
    expect(within(results).getAllByText('accepted')).toHaveLength(1);
    expect(screen.getByText('URLs: 1 accepted, 1 failed.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry failed (1)' }));

    expect(requests).toEqual([
      ['https://good.example/', 'https://bad.example/'],
      ['https://bad.example/'],
    ]);
    expect(await within(results).findAllByText('accepted')).toHaveLength(2);
    expect(
      screen.queryByRole('button', { name: /Retry failed/ }),
    ).not.toBeInTheDocument();
  });

  it('uploads each file on its own and explains a 413; retry sends the failed file again', async () => {
    let attempts = 0;
    server.use(
      http.post('/api/v1/sources/files', async ({ request }) => {
        const form = await request.formData();
        const file = form.get('files') as File;
        // jsdom's XMLHttpRequest keeps only the type of a File on the way, so tell them by type.
        const name = file.type === 'application/pdf' ? 'big.pdf' : 'notes.txt';
        if (name === 'big.pdf') {
          attempts += 1;
          if (attempts === 1) {
            return HttpResponse.json(errorBody(413, 'Upload too large'), {
              status: 413,
            });
          }
        }
        return HttpResponse.json({
          items: [
            {
              input: name,
              status: 'accepted',
              sourceId: `id-${name}`,
            },
          ],
        });
      }),
    );
    const user = userEvent.setup();
    renderApp('/ingest');

    await user.upload(screen.getByLabelText('Choose files'), [
      new File(['hello'], 'notes.txt', { type: 'text/plain' }),
      new File(['%PDF'], 'big.pdf', { type: 'application/pdf' }),
    ]);

    const results = await screen.findByRole('list', { name: 'File results' });
    expect(
      await within(results).findByText(
        /File is larger than the upload limit\. \(Upload too large\) \(request id req-413\)/,
      ),
    ).toBeVisible();
    expect(
      within(results).getByRole('link', { name: 'View source' }),
    ).toHaveAttribute('href', '/sources/id-notes.txt');

    await user.click(screen.getByRole('button', { name: 'Retry failed (1)' }));
    expect(await within(results).findAllByText('accepted')).toHaveLength(2);
    expect(attempts).toBe(2);
  });

  it('uploads files dropped on the drop zone', async () => {
    server.use(
      http.post('/api/v1/sources/files', () =>
        HttpResponse.json({
          items: [{ input: 'dropped.md', status: 'accepted', sourceId: 'd1' }],
        }),
      ),
    );
    renderApp('/ingest');
    const zone = screen.getByText('Drop files here, or').parentElement;
    if (!zone) throw new Error('no drop zone');

    fireEvent.drop(zone, {
      dataTransfer: { files: [new File(['# Hi'], 'dropped.md')] },
    });

    const results = await screen.findByRole('list', { name: 'File results' });
    expect(within(results).getByText('dropped.md')).toBeVisible();
    expect(await within(results).findByText('accepted')).toBeVisible();
  });

  it.each([
    [415, 'This file type is not supported.'],
    [402, 'Your plan does not allow this — check billing.'],
  ])('turns a per-item %i into an actionable message', async (code, text) => {
    server.use(
      http.post('/api/v1/sources/files', () =>
        HttpResponse.json({
          items: [{ input: 'a.bin', status: 'failed', code, error: text }],
        }),
      ),
    );
    const user = userEvent.setup();
    renderApp('/ingest');
    await user.upload(
      screen.getByLabelText('Choose files'),
      new File(['x'], 'a.bin'),
    );
    const results = await screen.findByRole('list', { name: 'File results' });
    expect(await within(results).findByText(text)).toBeVisible();
  });

  it('names the stored limit when adding text is refused with a 429', async () => {
    server.use(
      http.post('/api/v1/sources/text', () =>
        HttpResponse.json(
          {
            code: 429,
            message:
              'Limit reached: storedSources (2 of 2); delete sources or ask an administrator to raise the limit',
            details: { limit: 'storedSources', used: 2, max: 2, resetAt: null },
            requestId: 'req-429',
          },
          {
            status: 429,
            headers: { 'RateLimit-Limit': '2', 'RateLimit-Remaining': '0' },
          },
        ),
      ),
    );
    const user = userEvent.setup();
    renderApp('/ingest');
    await user.type(screen.getByLabelText('Title'), 'One too many');
    await user.type(screen.getByLabelText('Text'), 'Over the limit.');
    await user.click(screen.getByRole('button', { name: 'Add text' }));

    const results = await screen.findByRole('list', { name: 'Text results' });
    expect(
      await within(results).findByText(
        'Stored sources limit reached (2 of 2); delete sources or ask an administrator. (request id req-429)',
      ),
    ).toBeVisible();
    // The form keeps what was typed, so it can be sent again once there is room.
    expect(screen.getByLabelText('Title')).toHaveValue('One too many');
  });

  it('names the daily upload limit and its reset time for a refused batch item', async () => {
    const resetAt = '2026-12-06T00:00:00Z';
    server.use(
      http.post('/api/v1/sources/urls', () =>
        HttpResponse.json({
          items: [
            {
              input: 'https://big.example/',
              status: 'failed',
              code: 429,
              error: `Limit reached: uploadBytesPerDay (104857600 of 104857600); it resets at ${resetAt}`,
              details: {
                limit: 'uploadBytesPerDay',
                used: 104857600,
                max: 104857600,
                resetAt,
              },
            },
          ],
        }),
      ),
    );
    const user = userEvent.setup();
    renderApp('/ingest');
    await user.type(
      screen.getByLabelText('URLs, one per line'),
      'https://big.example/',
    );
    await user.click(screen.getByRole('button', { name: 'Add URLs' }));

    const results = await screen.findByRole('list', { name: 'URL results' });
    expect(
      await within(results).findByText(
        `Daily upload limit reached (100 MB of 100 MB); resets at ${new Date(resetAt).toLocaleString()}.`,
      ),
    ).toBeVisible();
  });

  it('says how long to wait when the rate limit refuses an upload', async () => {
    server.use(
      http.post('/api/v1/sources/files', () =>
        HttpResponse.json(
          {
            code: 429,
            message: 'Limit reached: requestsPerMinute (60 of 60)',
            details: {
              limit: 'requestsPerMinute',
              used: 60,
              max: 60,
              resetAt: new Date(Date.now() + 20_000).toISOString(),
            },
            requestId: 'req-rpm',
          },
          { status: 429, headers: { 'Retry-After': '20' } },
        ),
      ),
    );
    const user = userEvent.setup();
    renderApp('/ingest');
    await user.upload(
      screen.getByLabelText('Choose files'),
      new File(['x'], 'a.txt', { type: 'text/plain' }),
    );
    const results = await screen.findByRole('list', { name: 'File results' });
    expect(
      await within(results).findByText(
        'Too many requests; retry in 20 s. (request id req-rpm)',
      ),
    ).toBeVisible();
  });

  it('shows a YouTube 502 with the service message', async () => {
    server.use(
      http.post('/api/v1/sources/youtube', () =>
        HttpResponse.json(
          errorBody(502, 'YouTube could not be reached; upload a .vtt file'),
          { status: 502 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderApp('/ingest');
    await user.type(
      screen.getByLabelText('Video URL'),
      'https://youtu.be/dQw4w9WgXcQ',
    );
    await user.click(screen.getByRole('button', { name: 'Add video' }));

    const results = await screen.findByRole('list', {
      name: 'YouTube results',
    });
    expect(
      await within(results).findByText(/YouTube could not be reached/),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Retry failed' })).toBeVisible();
  });
});
