import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import {
  keyCreatedEvent,
  ownerId,
  systemAdminMe,
} from '@/testing/mocks/admin-data';
import { errorBody } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

import { toInstants } from './audit-filters';

const auditUrl = '/api/v1/admin/audit';

describe('Audit log', () => {
  it('lists events and expands their details', async () => {
    const user = userEvent.setup();
    renderApp('/admin/audit', { me: systemAdminMe });

    const row = (
      await screen.findByRole('rowheader', { name: 'api_key.create' })
    ).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('user 11111111');
    const toggle = within(row).getByRole('button', { name: /Show details/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const details = document.getElementById(
      toggle.getAttribute('aria-controls') ?? '',
    );
    expect(details).toHaveTextContent('"prefix": "abcdefghijkl"');
    expect(details).toHaveTextContent('req-audit-1');
    expect(details).toHaveTextContent('127.0.0.1');

    await user.click(toggle);
    expect(screen.queryByText(/"prefix"/)).not.toBeInTheDocument();
  });

  it('builds the query string from the filters and pages', async () => {
    const seen: string[] = [];
    server.use(
      http.get(auditUrl, ({ request }) => {
        const url = new URL(request.url);
        seen.push(url.search);
        const offset = Number(url.searchParams.get('offset') ?? '0');
        return HttpResponse.json({
          items: Array.from({ length: 50 }, (_, i) => ({
            ...keyCreatedEvent,
            id: `e-${offset + i}`,
          })),
          limit: 50,
          offset,
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderApp('/admin/audit', { me: systemAdminMe });
    await screen.findByText('Audit events 1–50, newest first');
    expect(seen).toEqual(['?limit=50&offset=0']);

    await user.selectOptions(screen.getByLabelText('Action'), 'api_key.revoke');
    await user.type(screen.getByLabelText('Actor (user id)'), ownerId);
    await user.type(screen.getByLabelText('From (UTC)'), '2026-11-01');
    await user.type(screen.getByLabelText('To (UTC, inclusive)'), '2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByText('Audit events 1–50, newest first');
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('Audit events 51–100, newest first');

    const expected = new URLSearchParams({
      action: 'api_key.revoke',
      actor: ownerId,
      from: '2026-11-01T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      limit: '50',
      offset: '50',
    });
    expect(seen.at(-1)).toBe(`?${expected.toString()}`);
    expect(router.state.location.search).toContain('action=api_key.revoke');
    // The filters survive a reload: they are read back from the URL.
    expect(screen.getByLabelText('Action')).toHaveValue('api_key.revoke');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByText('Audit events 1–50, newest first');
    expect(seen.at(-1)).toBe('?limit=50&offset=0');
  });

  it('refuses an actor that is not an id without calling the service', async () => {
    const seen: string[] = [];
    server.use(
      http.get(auditUrl, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({ items: [], limit: 50, offset: 0 });
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/audit', { me: systemAdminMe });
    await screen.findByText('No audit events yet.');

    await user.type(screen.getByLabelText('Actor (user id)'), 'alice');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(
      screen.getByLabelText('Actor (user id)'),
    ).toHaveAccessibleDescription(
      'Enter a user id (a UUID), as shown in the details.',
    );
    expect(seen).toHaveLength(1);
  });

  it('shows the empty filtered state', async () => {
    server.use(
      http.get(auditUrl, () =>
        HttpResponse.json({ items: [], limit: 50, offset: 0 }),
      ),
    );
    renderApp('/admin/audit?action=workspace.delete', { me: systemAdminMe });
    expect(
      await screen.findByText('No audit events match these filters.'),
    ).toBeVisible();
  });

  it('shows the server error shape', async () => {
    server.use(
      http.get(auditUrl, () =>
        HttpResponse.json(
          errorBody(
            400,
            'from must be an ISO-8601 instant, e.g. 2026-01-31T00:00:00Z',
          ),
          { status: 400 },
        ),
      ),
    );
    renderApp('/admin/audit', { me: systemAdminMe });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('from must be an ISO-8601 instant');
    expect(alert).toHaveTextContent('req-400');
  });
});

describe('toInstants', () => {
  it('makes the end day inclusive across a month end', () => {
    expect(toInstants('2026-12-31', '2026-12-31')).toEqual({
      from: '2026-12-31T00:00:00Z',
      to: '2027-01-01T00:00:00Z',
    });
    expect(toInstants('', '')).toEqual({ from: undefined, to: undefined });
  });
});
