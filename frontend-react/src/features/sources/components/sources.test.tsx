import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { errorBody, textSource, textSourceDetail } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('Sources list', () => {
  it('shows loading, then the empty state', async () => {
    renderApp('/sources');
    expect(screen.getByText('Loading sources…')).toBeVisible();
    expect(await screen.findByText(/No sources yet/)).toBeVisible();
  });

  it('lists a page of sources, searches, filters and pages through', async () => {
    const seen: string[] = [];
    server.use(
      http.get('/api/v1/sources', ({ request }) => {
        const url = new URL(request.url);
        seen.push(url.search);
        const offset = Number(url.searchParams.get('offset') ?? '0');
        return HttpResponse.json({
          items: [
            { ...textSource, id: `s-${offset}`, title: `Item ${offset}` },
          ],
          total: 45,
          limit: 20,
          offset,
        });
      }),
    );
    const user = userEvent.setup();
    renderApp('/sources');

    const link = await screen.findByRole('link', { name: 'Item 0' });
    expect(link).toHaveAttribute('href', '/sources/s-0');
    expect(screen.getByText('Sources 1–1 of 45')).toBeVisible();

    await user.type(
      screen.getByLabelText('Search title, URL or file name'),
      'light',
    );
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.selectOptions(screen.getByLabelText('Kind'), 'url');
    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await user.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByRole('link', { name: 'Item 20' })).toBeVisible();
    expect(seen.at(-1)).toBe(
      '?q=light&kind=url&status=failed&limit=20&offset=20',
    );
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeEnabled();
  });

  it('shows an error with the request id and retries', async () => {
    server.use(
      http.get('/api/v1/sources', () =>
        HttpResponse.json(errorBody(400, 'Unknown kind video'), {
          status: 400,
        }),
      ),
    );
    renderApp('/sources?kind=video');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Unknown kind video');
    expect(alert).toHaveTextContent('req-400');
    expect(
      within(alert).getByRole('button', { name: 'Try again' }),
    ).toBeVisible();
  });
});

describe('Source detail', () => {
  it('shows metadata and chunks', async () => {
    server.use(
      http.get('/api/v1/sources/src-1', () =>
        HttpResponse.json({
          ...textSourceDetail,
          chunks: [
            {
              ...textSourceDetail.chunks[0],
              metadata: {
                charStart: 0,
                charEnd: 10,
                startSeconds: 65,
                endSeconds: 70,
              },
            },
          ],
        }),
      ),
    );
    renderApp('/sources/src-1');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Lighthouse log' }),
    ).toBeVisible();
    expect(document.title).toBe('Lighthouse log · Mini-RAG');
    expect(screen.getByLabelText('Kind')).toHaveTextContent('text');
    expect(screen.getByLabelText('Chunks')).toHaveTextContent(
      '1 of 1 embedded',
    );
    expect(screen.getByText('#0 · 01:05–01:10')).toBeVisible();
    expect(screen.getByText(/Fresnel lens every morning/)).toBeVisible();
    expect(
      screen.queryByRole('button', { name: 'Refresh' }),
    ).not.toBeInTheDocument();
  });

  it('shows a progress bar while embedding and polls until ready', async () => {
    let calls = 0;
    server.use(
      http.get('/api/v1/sources/src-1', () => {
        calls += 1;
        return HttpResponse.json(
          calls === 1
            ? { ...textSourceDetail, status: 'embedding', progress: 0.4 }
            : textSourceDetail,
        );
      }),
    );
    renderApp('/sources/src-1');

    const bar = await screen.findByRole('progressbar', {
      name: 'Embedding progress',
    });
    expect(bar).toHaveAttribute('value', '40');
    await waitFor(
      () => {
        expect(screen.getByLabelText('Status')).toHaveTextContent('ready');
      },
      { timeout: 4000 },
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('shows a 404 as an error', async () => {
    server.use(
      http.get('/api/v1/sources/nope', () =>
        HttpResponse.json(errorBody(404, 'Source not found'), { status: 404 }),
      ),
    );
    renderApp('/sources/nope');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Source not found',
    );
  });

  it('deletes after confirmation and goes back to the list', async () => {
    let deleted = false;
    server.use(
      http.get('/api/v1/sources/src-1', () =>
        HttpResponse.json(textSourceDetail),
      ),
      http.delete('/api/v1/sources/src-1', () => {
        deleted = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderApp('/sources/src-1');
    const opener = await screen.findByRole('button', { name: 'Delete' });

    await user.click(opener);
    const dialog = screen.getByRole('alertdialog', {
      name: 'Delete this source?',
    });
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
    expect(deleted).toBe(false);

    await user.click(opener);
    await user.click(screen.getByRole('button', { name: 'Delete source' }));

    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/sources');
    });
    expect(deleted).toBe(true);
    expect(await screen.findByText('Deleted “Lighthouse log”.')).toBeVisible();
  });

  it('refreshes a URL source and reports the outcome or the conflict', async () => {
    let conflict = false;
    server.use(
      http.get('/api/v1/sources/src-1', () =>
        HttpResponse.json({
          ...textSourceDetail,
          kind: 'url',
          uri: 'https://example.com/guide.html',
        }),
      ),
      http.post('/api/v1/sources/src-1/refresh', () =>
        conflict
          ? HttpResponse.json(
              errorBody(409, 'The refreshed text duplicates another source'),
              { status: 409 },
            )
          : HttpResponse.json({
              sourceId: 'src-1',
              outcome: 'unchanged',
              status: 'ready',
            }),
      ),
    );
    const user = userEvent.setup();
    renderApp('/sources/src-1');

    await user.click(await screen.findByRole('button', { name: 'Refresh' }));
    expect(
      await screen.findByText('Refreshed: the content is unchanged.'),
    ).toBeVisible();
    expect(
      screen.getByRole('link', { name: 'https://example.com/guide.html' }),
    ).toBeVisible();

    conflict = true;
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('duplicates another source');
    expect(alert).toHaveTextContent('req-409');
  });
});
