import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { errorBody, textSource, usageResponse } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const totals: Record<string, number> = {
  all: 7,
  ready: 4,
  pending: 1,
  embedding: 1,
  failed: 1,
};

describe('Dashboard', () => {
  it('shows counts per status, recent sources and honest plan cards', async () => {
    server.use(
      http.get('/api/v1/sources', ({ request }) => {
        const url = new URL(request.url);
        const status = url.searchParams.get('status') ?? 'all';
        const limit = Number(url.searchParams.get('limit'));
        const older = {
          ...textSource,
          id: 'old',
          title: 'Older',
          createdAt: '2026-01-01T00:00:00Z',
        };
        return HttpResponse.json({
          items: limit === 5 ? [older, textSource] : [],
          total: totals[status] ?? 0,
          limit,
          offset: 0,
        });
      }),
    );
    renderApp('/');

    await waitFor(() => {
      expect(screen.getByLabelText('All sources')).toHaveTextContent('7');
    });
    await waitFor(() => {
      expect(screen.getByLabelText('Ready')).toHaveTextContent('4');
    });
    expect(screen.getByLabelText('Pending')).toHaveTextContent('1');
    expect(screen.getByLabelText('Embedding')).toHaveTextContent('1');
    expect(screen.getByLabelText('Failed')).toHaveTextContent('1');

    const recent = screen.getByRole('region', { name: 'Recent sources' });
    const links = await within(recent).findAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Lighthouse log',
      'Older',
    ]);
    expect(links[0]).toHaveAttribute('href', '/sources/src-1');

    expect(
      within(screen.getByRole('region', { name: 'Billing' })).getByText(
        'Not configured',
      ),
    ).toBeVisible();
    expect(
      within(
        screen.getByRole('region', { name: 'Usage and limits' }),
      ).queryByText('Not configured'),
    ).toBeNull();
    expect(await screen.findByTestId('health-status')).toHaveTextContent('ok');
  });

  it('shows a gauge per limit with the plan, reset times and unlimited limits', async () => {
    renderApp('/');

    const card = screen.getByRole('region', { name: 'Usage and limits' });
    expect(within(card).getByText('Loading usage…')).toBeVisible();
    expect(await within(card).findByLabelText('Plan')).toHaveTextContent(
      'free',
    );
    expect(within(card).getByLabelText('Limits')).toHaveTextContent('Enforced');

    const chunks = within(card).getByRole('meter', {
      name: 'Stored chunks: 120 of 20,000',
    });
    expect(chunks).toHaveAttribute('max', '20000');
    expect(chunks).toHaveAttribute('value', '120');
    expect(
      within(card).getByRole('meter', { name: 'Stored sources: 7 of 500' }),
    ).toBeVisible();
    expect(
      within(card).getByRole('meter', {
        name: 'Uploads per day: 50 MB of 100 MB',
      }),
    ).toBeVisible();
    expect(
      within(card).getByRole('meter', {
        name: 'Searches per day: 2,000 of 2,000',
      }),
    ).toHaveAttribute('value', '2000');
    expect(
      within(card).getByRole('meter', {
        name: 'Requests per minute: 4 of 120',
      }),
    ).toBeVisible();

    // asksPerDay has max 0: no gauge, "Unlimited" instead.
    expect(within(card).getAllByRole('meter')).toHaveLength(5);
    const gauges = within(card).getAllByRole('listitem');
    const asks = gauges.find((li) =>
      li.textContent.includes('Questions per day'),
    );
    expect(asks).toHaveTextContent('Unlimited');
    expect(asks).toHaveTextContent('3 used');
    expect(asks).not.toHaveTextContent('Resets at');

    const upload = gauges.find((li) =>
      li.textContent.includes('Uploads per day'),
    );
    expect(upload).toHaveTextContent(
      `Resets at ${new Date('2026-12-06T00:00:00Z').toLocaleString()}`,
    );
    const stored = gauges.find((li) =>
      li.textContent.includes('Stored sources'),
    );
    expect(stored).toHaveTextContent('Frees up when sources are deleted');
  });

  it('says when this instance does not enforce its limits', async () => {
    server.use(
      http.get('/api/v1/usage', () =>
        HttpResponse.json({
          ...usageResponse,
          plan: 'default',
          enforced: false,
        }),
      ),
    );
    renderApp('/');
    const card = screen.getByRole('region', { name: 'Usage and limits' });
    expect(await within(card).findByLabelText('Limits')).toHaveTextContent(
      'Not enforced on this instance',
    );
    expect(within(card).getByLabelText('Plan')).toHaveTextContent('default');
  });

  it('shows a usage error with its request id', async () => {
    server.use(
      http.get('/api/v1/usage', () =>
        HttpResponse.json(errorBody(503, 'Database unavailable'), {
          status: 503,
        }),
      ),
    );
    renderApp('/');
    const card = screen.getByRole('region', { name: 'Usage and limits' });
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the usage');
    expect(alert).toHaveTextContent('req-503');
  });

  it('shows loading, then the empty state', async () => {
    renderApp('/');

    expect(screen.getByText('Loading recent sources…')).toBeVisible();
    expect(await screen.findByText(/No sources yet/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Add some' })).toHaveAttribute(
      'href',
      '/ingest',
    );
    await waitFor(() => {
      expect(screen.getByLabelText('All sources')).toHaveTextContent('0');
    });
  });

  it('shows the error with its request id', async () => {
    server.use(
      http.get('/api/v1/sources', () =>
        HttpResponse.json(errorBody(500, 'Internal server error'), {
          status: 500,
        }),
      ),
    );
    renderApp('/');

    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]).toHaveTextContent('Internal server error');
    expect(alerts[0]).toHaveTextContent('req-500');
    await waitFor(() => {
      expect(screen.getByLabelText('All sources')).toHaveTextContent(
        'unavailable',
      );
    });
  });
});
