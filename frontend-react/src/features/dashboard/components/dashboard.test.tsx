import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { errorBody, textSource } from '@/testing/mocks/data';
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
      within(screen.getByRole('region', { name: 'Quota' })).getByText(
        'Not configured',
      ),
    ).toBeVisible();
    expect(await screen.findByTestId('health-status')).toHaveTextContent('ok');
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
