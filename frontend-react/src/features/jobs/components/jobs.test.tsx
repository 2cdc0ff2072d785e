import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { errorBody, readerMe, textSourceDetail } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const job = {
  id: 'job-1',
  kind: 'embed',
  status: 'running',
  subjectId: 'src-1',
  progress: { done: 40, total: 200 },
  attempts: 1,
  maxAttempts: 5,
  cancelRequested: false,
  createdAt: '2026-12-05T10:00:00Z',
  startedAt: '2026-12-05T10:00:01Z',
};

const page = (items: unknown[]) => ({
  items,
  total: items.length,
  limit: 20,
  offset: 0,
});

describe('Jobs', () => {
  it('shows the empty state', async () => {
    server.use(http.get('/api/v1/jobs', () => HttpResponse.json(page([]))));
    renderApp('/jobs');
    expect(
      screen.getByRole('heading', { level: 1, name: 'Jobs' }),
    ).toBeVisible();
    expect(await screen.findByText(/No jobs yet/)).toBeVisible();
  });

  it('shows live progress while a job runs and stops polling once it ends', async () => {
    let calls = 0;
    server.use(
      http.get('/api/v1/jobs', () => {
        calls += 1;
        return HttpResponse.json(
          page([
            calls === 1
              ? job
              : {
                  ...job,
                  status: 'succeeded',
                  progress: { done: 200, total: 200 },
                  finishedAt: '2026-12-05T10:01:00Z',
                },
          ]),
        );
      }),
    );
    renderApp('/jobs');

    const bar = await screen.findByRole('progressbar', {
      name: 'Progress of job job-1',
    });
    expect(bar).toHaveAttribute('value', '20');
    expect(screen.getByText('40 of 200')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Source' })).toHaveAttribute(
      'href',
      '/sources/src-1',
    );
    await waitFor(
      () => {
        expect(screen.getByText('200 of 200')).toBeVisible();
      },
      { timeout: 4000 },
    );
    expect(
      within(screen.getByRole('table')).getByText('succeeded'),
    ).toBeVisible();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Cancel/ }),
    ).not.toBeInTheDocument();
    const settled = calls;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(calls).toBe(settled);
  });

  it('cancels a running job and shows the failure message of another', async () => {
    let canceled = false;
    server.use(
      http.get('/api/v1/jobs', () =>
        HttpResponse.json(
          page([
            canceled ? { ...job, cancelRequested: true } : job,
            {
              ...job,
              id: 'job-2',
              kind: 'resync',
              status: 'failed',
              lastError:
                'example.com answered 404 (the stored content is kept)',
            },
          ]),
        ),
      ),
      http.post('/api/v1/jobs/job-1/cancel', () => {
        canceled = true;
        return HttpResponse.json({ ...job, cancelRequested: true });
      }),
    );
    const user = userEvent.setup();
    renderApp('/jobs');

    expect(
      await screen.findByText(
        'example.com answered 404 (the stored content is kept)',
      ),
    ).toBeVisible();
    await user.click(
      screen.getByRole('button', { name: 'Cancel embed job job-1' }),
    );
    expect(await screen.findByText('Stopping…')).toBeVisible();
    expect(canceled).toBe(true);
  });

  it('shows why a cancel was refused', async () => {
    server.use(
      http.get('/api/v1/jobs', () => HttpResponse.json(page([job]))),
      http.post('/api/v1/jobs/job-1/cancel', () =>
        HttpResponse.json(
          errorBody(
            409,
            'The job has already succeeded; there is nothing to cancel',
          ),
          { status: 409 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderApp('/jobs');
    await user.click(
      await screen.findByRole('button', { name: 'Cancel embed job job-1' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'nothing to cancel',
    );
  });

  it('offers no cancel to a reader', async () => {
    server.use(http.get('/api/v1/jobs', () => HttpResponse.json(page([job]))));
    renderApp('/jobs', { me: readerMe });
    expect(await screen.findByText('40 of 200')).toBeVisible();
    expect(
      screen.queryByRole('button', { name: /Cancel/ }),
    ).not.toBeInTheDocument();
  });

  it("filters by a source's id from the URL and by kind and status", async () => {
    const seen: string[] = [];
    server.use(
      http.get('/api/v1/jobs', ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json(page([{ ...job, status: 'succeeded' }]));
      }),
    );
    const user = userEvent.setup();
    renderApp('/jobs?subjectId=src-1');

    await screen.findByText('40 of 200');
    expect(seen.at(-1)).toBe('?subjectId=src-1&limit=20&offset=0');
    await user.selectOptions(screen.getByLabelText('Kind'), 'resync');
    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() => {
      expect(seen.at(-1)).toBe(
        '?kind=resync&status=failed&subjectId=src-1&limit=20&offset=0',
      );
    });
    await user.click(screen.getByRole('button', { name: 'Show all jobs' }));
    await waitFor(() => {
      expect(seen.at(-1)).toBe('?kind=resync&status=failed&limit=20&offset=0');
    });
  });
});

describe('Source detail re-sync', () => {
  const urlSource = {
    ...textSourceDetail,
    kind: 'url',
    uri: 'https://example.com/guide.html',
    resync: {
      effective: 'daily',
      lastCheckedAt: '2026-12-05T08:00:00Z',
      lastChangedAt: '2026-12-04T08:00:00Z',
      nextCheckAt: '2026-12-06T08:00:00Z',
    },
  };

  it('shows last checked, last changed and next check, links to its jobs and sets the interval', async () => {
    let patched: unknown = null;
    server.use(
      http.get('/api/v1/sources/src-1', () => HttpResponse.json(urlSource)),
      http.patch('/api/v1/sources/src-1', async ({ request }) => {
        patched = await request.json();
        return HttpResponse.json({
          ...urlSource,
          resync: {
            ...urlSource.resync,
            interval: 'hourly',
            effective: 'hourly',
          },
        });
      }),
    );
    const user = userEvent.setup();
    renderApp('/sources/src-1');

    const panel = await screen.findByRole('region', { name: 'Re-sync' });
    expect(within(panel).getByLabelText('Interval')).toHaveTextContent(
      'daily (workspace default)',
    );
    expect(within(panel).getByLabelText('Last checked')).not.toHaveTextContent(
      'never',
    );
    expect(within(panel).getByLabelText('Next check')).not.toHaveTextContent(
      '—',
    );
    expect(
      within(panel).getByRole('link', { name: 'Jobs of this source' }),
    ).toHaveAttribute('href', '/jobs?subjectId=src-1');

    await user.selectOptions(
      within(panel).getByLabelText('Re-sync this source'),
      'hourly',
    );
    await waitFor(() => {
      expect(within(panel).getByLabelText('Interval')).toHaveTextContent(
        'hourly',
      );
    });
    expect(patched).toEqual({ resyncInterval: 'hourly' });
  });

  it('has no re-sync panel for a text source but still links to its jobs', async () => {
    server.use(
      http.get('/api/v1/sources/src-1', () =>
        HttpResponse.json(textSourceDetail),
      ),
    );
    renderApp('/sources/src-1');
    expect(
      await screen.findByRole('link', { name: 'Jobs of this source' }),
    ).toHaveAttribute('href', '/jobs?subjectId=src-1');
    expect(
      screen.queryByRole('region', { name: 'Re-sync' }),
    ).not.toBeInTheDocument();
  });
});
