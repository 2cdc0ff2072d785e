import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { errorBody } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

import type { MyInvitation } from '../api/get-my-invitations';

const invitation: MyInvitation = {
  id: '88888888-8888-4888-8888-888888888888',
  workspaceId: '99999999-9999-4999-8999-999999999999',
  workspaceName: 'Research',
  role: 'editor',
  invitedByEmail: 'lead@example.com',
  invitedByName: null,
  createdAt: '2026-12-01T10:00:00Z',
  expiresAt: '2026-12-15T10:00:00Z',
};

const other: MyInvitation = {
  ...invitation,
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  workspaceName: 'Sales',
  role: 'reader',
};

describe('My invitations', () => {
  it('shows nothing when no invitation waits', async () => {
    renderApp('/');
    await screen.findByRole('heading', { name: 'Dashboard' });
    expect(screen.queryByRole('heading', { name: 'Invitations' })).toBeNull();
  });

  it('accepts one and declines another', async () => {
    let open = [invitation, other];
    const calls: string[] = [];
    server.use(
      http.get('/api/v1/me/invitations', () => HttpResponse.json(open)),
      http.post('/api/v1/me/invitations/:id/:action', ({ params }) => {
        calls.push(`${String(params.action)} ${String(params.id)}`);
        open = open.filter((i) => i.id !== params.id);
        return params.action === 'accept'
          ? HttpResponse.json({
              id: invitation.workspaceId,
              name: 'Research',
              organizationId: 'x',
              role: 'editor',
              isDefault: false,
            })
          : new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    renderApp('/');

    const section = (
      await screen.findByRole('heading', { name: 'Invitations' })
    ).closest('section');
    expect(section).not.toBeNull();
    expect(
      within(section as HTMLElement).getAllByText(
        /lead@example.com invited you/,
      ),
    ).toHaveLength(2);

    await user.click(
      screen.getByRole('button', {
        name: 'Accept the invitation to Research',
      }),
    );
    expect(await screen.findByText(/You joined Research/)).toBeVisible();
    await user.click(
      screen.getByRole('button', { name: 'Decline the invitation to Sales' }),
    );
    await waitFor(() => {
      expect(screen.queryByRole('heading', { name: 'Invitations' })).toBeNull();
    });
    expect(calls).toEqual([`accept ${invitation.id}`, `decline ${other.id}`]);
  });

  it('explains an expired invitation', async () => {
    server.use(
      http.get('/api/v1/me/invitations', () => HttpResponse.json([invitation])),
      http.post('/api/v1/me/invitations/:id/accept', () =>
        HttpResponse.json(
          errorBody(
            410,
            'This invitation has expired: ask the workspace for a new one',
          ),
          { status: 410 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderApp('/');
    await user.click(
      await screen.findByRole('button', {
        name: 'Accept the invitation to Research',
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not answer the invitation');
    expect(alert).toHaveTextContent('has expired');
  });
});
