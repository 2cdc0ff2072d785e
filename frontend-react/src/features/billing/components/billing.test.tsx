import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { loadPage } from '@/lib/browser';
import {
  billingOffResponse,
  billingTrialResponse,
  readerMe,
} from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

vi.mock('@/lib/browser', () => ({ loadPage: vi.fn() }));

const pastDue = {
  ...billingTrialResponse,
  status: 'past_due',
  trialEndsAt: '2026-01-01T00:00:00Z',
  hasSubscription: true,
  currentPeriodEnd: '2026-02-01T00:00:00Z',
  graceEndsAt: '2099-01-04T00:00:00Z',
};

describe('Billing', () => {
  beforeEach(() => vi.mocked(loadPage).mockClear());

  it('counts down the trial and sends the chosen plan to checkout', async () => {
    let sent: { plan?: string; key?: string | null } = {};
    server.use(
      http.get('/api/v1/billing', () =>
        HttpResponse.json(billingTrialResponse),
      ),
      http.post('/api/v1/billing/checkout', async ({ request }) => {
        sent = {
          ...((await request.json()) as { plan: string }),
          key: request.headers.get('Idempotency-Key'),
        };
        return HttpResponse.json({
          id: 'cs_1',
          url: 'https://checkout.stripe.test/c/pay/cs_1',
        });
      }),
    );
    const user = userEvent.setup();
    renderApp('/billing');
    expect(await screen.findByTestId('billing-trial')).toHaveTextContent(
      '10 days left',
    );
    expect(screen.getByTestId('billing-status')).toHaveTextContent('Trial');
    expect(screen.getByTestId('billing-status')).toHaveTextContent('Test mode');
    expect(screen.getByRole('radio', { name: 'team' })).toBeChecked();
    expect(screen.queryByTestId('billing-banner')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Subscribe' }));
    await waitFor(() => {
      expect(loadPage).toHaveBeenCalledWith(
        'https://checkout.stripe.test/c/pay/cs_1',
      );
    });
    expect(sent.plan).toBe('team');
    // The server derives the key per organization; a key per click would defeat it.
    expect(sent.key).toBeNull();
  });

  it('shows a past-due banner on every screen and opens the portal', async () => {
    server.use(
      http.get('/api/v1/billing', () => HttpResponse.json(pastDue)),
      http.post('/api/v1/billing/portal', () =>
        HttpResponse.json({
          id: 'bps_1',
          url: 'https://billing.stripe.test/p/session/bps_1',
        }),
      ),
    );
    const user = userEvent.setup();
    renderApp('/sources');
    const banner = await screen.findByTestId('billing-banner');
    expect(banner).toHaveTextContent('Payment past due');
    await user.click(
      within(banner).getByRole('link', { name: 'Open Billing' }),
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Billing' }),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Subscribe' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Manage billing' }));
    await waitFor(() => {
      expect(loadPage).toHaveBeenCalledWith(
        'https://billing.stripe.test/p/session/bps_1',
      );
    });
  });

  it('says billing is off, and offers members without the right nothing to press', async () => {
    renderApp('/billing');
    expect(
      await screen.findByRole('heading', { name: 'Billing is not enabled' }),
    ).toBeVisible();
    expect(screen.getByText(/Quotas come from the free plan/)).toBeVisible();
  });

  it('hides checkout from members who do not manage billing', async () => {
    server.use(
      http.get('/api/v1/billing', () =>
        HttpResponse.json({ ...billingTrialResponse, canManage: false }),
      ),
    );
    renderApp('/billing', { me: readerMe });
    expect(
      await screen.findByText(/managed by the owners and admins/),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Subscribe' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Billing' })).toBeNull();
  });

  it('links a 402 on the ingest screen to Billing', async () => {
    server.use(
      http.post('/api/v1/sources/text', () =>
        HttpResponse.json(
          {
            code: 402,
            message: 'Payment required',
            details: { reason: 'trial_ended', billingUrl: '/billing' },
            requestId: 'r-402',
          },
          { status: 402 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderApp('/ingest');
    await user.type(screen.getByLabelText('Title'), 'Notes');
    await user.type(screen.getByLabelText('Text'), 'Some text');
    await user.click(screen.getByRole('button', { name: 'Add text' }));
    const results = await screen.findByRole('list', { name: 'Text results' });
    expect(
      await within(results).findByText(/the trial has ended/),
    ).toBeVisible();
    expect(
      within(results).getByRole('link', { name: 'Open Billing' }),
    ).toHaveAttribute('href', '/billing');
  });

  it('keeps the off state in the dashboard card', async () => {
    server.use(
      http.get('/api/v1/billing', () => HttpResponse.json(billingOffResponse)),
    );
    renderApp('/');
    const card = await screen.findByRole('region', { name: 'Billing' });
    expect(await within(card).findByText('Not configured')).toBeVisible();
  });
});
