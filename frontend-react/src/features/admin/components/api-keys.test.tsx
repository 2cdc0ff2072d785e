import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ApiKey } from '@/features/admin/api/get-api-keys';
import {
  activeKey,
  plaintextKey,
  revokedKey,
  systemAdminMe,
} from '@/testing/mocks/admin-data';
import { errorBody } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const keysUrl = '/api/v1/api-keys';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('API keys', () => {
  it('lists keys with prefix, scopes, status, expiry and last use; revoked keys cannot be revoked again', async () => {
    server.use(
      http.get(keysUrl, () =>
        HttpResponse.json([
          { ...activeKey, expiresAt: '2030-01-01T00:00:00Z' },
          revokedKey,
        ]),
      ),
    );
    renderApp('/admin/api-keys', { me: systemAdminMe });

    const active = (
      await screen.findByRole('rowheader', {
        name: 'CI pipeline',
      })
    ).closest('tr') as HTMLElement;
    expect(active).toHaveTextContent('abcdefghijkl');
    expect(active).toHaveTextContent('read, write');
    expect(active).toHaveTextContent('active');
    expect(active).not.toHaveTextContent('Never');
    expect(
      within(active).getByRole('button', { name: 'Revoke CI pipeline' }),
    ).toBeVisible();

    const revoked = screen
      .getByRole('rowheader', { name: 'Old laptop' })
      .closest('tr') as HTMLElement;
    expect(revoked).toHaveTextContent('revoked');
    expect(within(revoked).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows the empty state', async () => {
    server.use(http.get(keysUrl, () => HttpResponse.json([])));
    renderApp('/admin/api-keys', { me: systemAdminMe });
    expect(await screen.findByText('No API keys yet.')).toBeVisible();
  });

  it('shows the server error shape when listing fails', async () => {
    server.use(
      http.get(keysUrl, () =>
        HttpResponse.json(errorBody(403, 'Needs admin permission'), {
          status: 403,
        }),
      ),
    );
    renderApp('/admin/api-keys', { me: systemAdminMe });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the API keys');
    expect(alert).toHaveTextContent('Needs admin permission');
    expect(alert).toHaveTextContent('req-403');
  });

  it('creates a key with scopes and expiry, shows the plaintext once, and forgets it after closing', async () => {
    const bodies: unknown[] = [];
    let keys: ApiKey[] = [];
    server.use(
      http.get(keysUrl, () => HttpResponse.json(keys)),
      http.post(keysUrl, async ({ request }) => {
        bodies.push(await request.json());
        const key = {
          ...activeKey,
          name: 'Nightly export',
          prefix: 'mnopqrstuvwx',
          scopes: ['read', 'admin'],
        };
        keys = [key];
        return HttpResponse.json(
          { key, apiKey: plaintextKey },
          { status: 201 },
        );
      }),
    );
    const user = userEvent.setup();
    // After setup: user-event installs its own clipboard stub.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    renderApp('/admin/api-keys', { me: systemAdminMe });
    await screen.findByText('No API keys yet.');

    await user.type(screen.getByLabelText('Name'), 'Nightly export');
    expect(screen.getByRole('checkbox', { name: 'read' })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'admin' }));
    await user.type(screen.getByLabelText('Expires after (days)'), '30');
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const dialog = await screen.findByRole('dialog', {
      name: 'API key “Nightly export” created',
    });
    expect(bodies).toEqual([
      { name: 'Nightly export', scopes: ['read', 'admin'], expiresDays: 30 },
    ]);
    expect(dialog).toHaveTextContent('You won’t see it again');
    const box = within(dialog).getByLabelText('API key');
    expect(box).toHaveValue(plaintextKey);
    expect(box).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Copy key' }));
    expect(writeText).toHaveBeenCalledWith(plaintextKey);
    expect(within(dialog).getByText('Copied to the clipboard.')).toBeVisible();

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(
      await screen.findByRole('rowheader', { name: 'Nightly export' }),
    ).toBeVisible();
    expect(document.body).not.toHaveTextContent(plaintextKey);
    expect(screen.queryByDisplayValue(plaintextKey)).toBeNull();
  });

  it('selects the key for a manual copy when the clipboard is not available', async () => {
    server.use(
      http.post(keysUrl, () =>
        HttpResponse.json(
          { key: activeKey, apiKey: plaintextKey },
          { status: 201 },
        ),
      ),
    );
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(
      new Error('not allowed'),
    );
    renderApp('/admin/api-keys', { me: systemAdminMe });
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('Name'), 'CI pipeline');
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Copy key' }));
    expect(within(dialog).getByText(/press Ctrl\+C/)).toBeVisible();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(plaintextKey)).toBeNull();
  });

  it('asks for a scope and shows the server validation message', async () => {
    let posts = 0;
    server.use(
      http.post(keysUrl, () => {
        posts += 1;
        return HttpResponse.json(
          errorBody(422, 'Key name must be 1 to 100 characters'),
          { status: 422 },
        );
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/api-keys', { me: systemAdminMe });
    await screen.findByRole('table');

    await user.type(screen.getByLabelText('Name'), 'x');
    await user.click(screen.getByRole('checkbox', { name: 'read' }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Choose at least one scope.',
    );
    expect(posts).toBe(0);

    await user.click(screen.getByRole('checkbox', { name: 'write' }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() => {
      expect(alert).toHaveTextContent('Key name must be 1 to 100 characters');
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('revokes a key after confirmation and shows it as revoked', async () => {
    let keys: ApiKey[] = [activeKey];
    let revoked = 0;
    server.use(
      http.get(keysUrl, () => HttpResponse.json(keys)),
      http.delete(`${keysUrl}/:id`, ({ params }) => {
        revoked += 1;
        keys = [{ ...activeKey, revokedAt: '2026-11-26T12:00:00Z' }];
        expect(params.id).toBe(activeKey.id);
        return HttpResponse.json(keys[0]);
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/api-keys', { me: systemAdminMe });

    const opener = await screen.findByRole('button', {
      name: 'Revoke CI pipeline',
    });
    await user.click(opener);
    const dialog = screen.getByRole('alertdialog', {
      name: 'Revoke this API key?',
    });
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(revoked).toBe(0);

    await user.click(opener);
    await user.click(screen.getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => {
      expect(
        screen.getByRole('rowheader', { name: 'CI pipeline' }).closest('tr'),
      ).toHaveTextContent('revoked');
    });
    expect(revoked).toBe(1);
    expect(
      screen.queryByRole('button', { name: 'Revoke CI pipeline' }),
    ).not.toBeInTheDocument();
  });
});
