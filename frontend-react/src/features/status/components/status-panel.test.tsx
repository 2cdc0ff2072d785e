import { fireEvent, screen, within } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { server } from '@/testing/mocks/server';
import { renderWithProviders } from '@/testing/test-utils';

import { StatusPanel } from './status-panel';

describe('StatusPanel', () => {
  it('shows the service health and version', async () => {
    renderWithProviders(<StatusPanel />);

    const health = screen.getByRole('region', { name: 'Health' });
    expect(await within(health).findByLabelText('Overall')).toHaveTextContent(
      'ok',
    );
    const checks = within(health).getByRole('table', { name: 'Health checks' });
    expect(
      within(checks).getByRole('rowheader', { name: 'database' }),
    ).toBeInTheDocument();
    expect(within(health).getByLabelText('Index lag')).toHaveTextContent(
      'none: search is up to date',
    );
    expect(within(health).getByLabelText('Queued jobs')).toHaveTextContent('0');

    const version = screen.getByRole('region', { name: 'Version' });
    expect(await within(version).findByLabelText('Version')).toHaveTextContent(
      '0.1.0-SNAPSHOT',
    );
    expect(within(version).getByLabelText('Service')).toHaveTextContent(
      'mini-rag',
    );
    expect(within(version).getByLabelText('Commit')).toHaveTextContent(
      '3f2c9a1b7d4e',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows how far the index lags and how many jobs wait', async () => {
    server.use(
      http.get('/api/v1/health', () =>
        HttpResponse.json({
          status: 'ok',
          checks: { database: { healthy: true, message: null } },
          indexLag: 12,
          queuedJobs: 3,
        }),
      ),
    );
    renderWithProviders(<StatusPanel />);

    const health = screen.getByRole('region', { name: 'Health' });
    expect(await within(health).findByLabelText('Index lag')).toHaveTextContent(
      '12 changes not yet searchable',
    );
    expect(within(health).getByLabelText('Queued jobs')).toHaveTextContent('3');
  });

  it('says the figures are unknown when the database cannot be read', async () => {
    server.use(
      http.get('/api/v1/health', () =>
        HttpResponse.json({
          status: 'degraded',
          checks: {
            database: { healthy: false, message: 'connection refused' },
          },
          indexLag: null,
          queuedJobs: null,
        }),
      ),
    );
    renderWithProviders(<StatusPanel />);

    const health = screen.getByRole('region', { name: 'Health' });
    expect(await within(health).findByLabelText('Index lag')).toHaveTextContent(
      'unknown',
    );
    expect(within(health).getByLabelText('Queued jobs')).toHaveTextContent(
      'unknown',
    );
  });

  it('shows a degraded service and the failing check', async () => {
    server.use(
      http.get('/api/v1/health', () =>
        HttpResponse.json({
          status: 'degraded',
          checks: {
            database: { healthy: true, message: null },
            index: { healthy: false, message: 'index is rebuilding' },
          },
        }),
      ),
    );
    renderWithProviders(<StatusPanel />);

    const health = screen.getByRole('region', { name: 'Health' });
    expect(await within(health).findByLabelText('Overall')).toHaveTextContent(
      'degraded',
    );
    const indexRow = within(health)
      .getByRole('rowheader', { name: 'index' })
      .closest('tr');
    expect(indexRow).not.toBeNull();
    expect(indexRow).toHaveTextContent('unhealthy');
    expect(indexRow).toHaveTextContent('index is rebuilding');
  });

  it('shows the message and request id from the error shape when the API fails', async () => {
    server.use(
      http.get('/api/v1/health', () =>
        HttpResponse.json(
          {
            code: 500,
            message: 'Internal error, see the log for request abc-123',
            requestId: 'abc-123',
          },
          { status: 500 },
        ),
      ),
      http.get('/api/v1/version', () =>
        HttpResponse.json(
          { code: 503, message: 'Service is starting' },
          { status: 503 },
        ),
      ),
    );
    renderWithProviders(<StatusPanel />);

    const health = screen.getByRole('region', { name: 'Health' });
    const healthAlert = await within(health).findByRole('alert');
    expect(healthAlert).toHaveTextContent('Could not load the service health');
    expect(healthAlert).toHaveTextContent(
      'Internal error, see the log for request abc-123',
    );
    expect(healthAlert).toHaveTextContent('Request id: abc-123');
    expect(
      within(healthAlert).getByRole('button', { name: 'Try again' }),
    ).toBeEnabled();
    expect(within(health).queryByLabelText('Overall')).not.toBeInTheDocument();

    const version = screen.getByRole('region', { name: 'Version' });
    expect(await within(version).findByRole('alert')).toHaveTextContent(
      'Service is starting',
    );
  });

  it('recovers when the user retries after an error', async () => {
    let calls = 0;
    server.use(
      http.get('/api/v1/health', () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(
              { code: 503, message: 'Not ready yet' },
              { status: 503 },
            )
          : HttpResponse.json({ status: 'ok', checks: {} });
      }),
    );
    renderWithProviders(<StatusPanel />);

    const health = screen.getByRole('region', { name: 'Health' });
    const alert = await within(health).findByRole('alert');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(await within(health).findByLabelText('Overall')).toHaveTextContent(
      'ok',
    );
    expect(within(health).queryByRole('alert')).not.toBeInTheDocument();
    expect(
      within(health).getByText('The service reported no individual checks.'),
    ).toBeInTheDocument();
  });

  it('shows loading states while the API has not answered', () => {
    server.use(
      http.get('/api/v1/health', async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
      http.get('/api/v1/version', async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    renderWithProviders(<StatusPanel />);

    const health = screen.getByRole('region', { name: 'Health' });
    expect(within(health).getByRole('status')).toHaveTextContent(
      'Checking service health…',
    );
    const version = screen.getByRole('region', { name: 'Version' });
    expect(within(version).getByRole('status')).toHaveTextContent(
      'Loading version…',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByTestId('health-status')).not.toBeInTheDocument();
    expect(screen.queryByTestId('version')).not.toBeInTheDocument();
  });
});
