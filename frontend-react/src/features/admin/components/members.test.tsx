import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import {
  ownerMember,
  readerMe,
  readerMember,
  systemAdminMe,
  workspaceAdminMe,
} from '@/testing/mocks/admin-data';
import { errorBody } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

const membersUrl = '/api/v1/workspaces/current/members';
const invitationsUrl = '/api/v1/workspaces/current/invitations';

const pending = {
  id: '88888888-8888-4888-8888-888888888888',
  email: 'new@example.com',
  role: 'editor',
  invitedBy: ownerMember.userId,
  invitedByEmail: ownerMember.email,
  createdAt: '2026-12-01T10:00:00Z',
  expiresAt: '2026-12-15T10:00:00Z',
  expired: false,
};

describe('Members', () => {
  it('lists members with their roles', async () => {
    renderApp('/admin/members', { me: systemAdminMe });

    const table = await screen.findByRole('table');
    expect(within(table).getByText('2 members')).toBeVisible();
    expect(screen.getByLabelText('Role of reader@example.com')).toHaveValue(
      'reader',
    );
    expect(
      screen.getByRole('button', { name: 'Remove reader@example.com' }),
    ).toBeVisible();
    // Nothing to save until a different role is chosen.
    expect(screen.queryByRole('button', { name: /Save role/ })).toBeNull();
  });

  it('shows a read-only list to a reader', async () => {
    renderApp('/admin/members', { me: readerMe });

    const table = await screen.findByRole('table');
    const row = within(table).getByText('reader@example.com').closest('tr');
    expect(row).toHaveTextContent('reader');
    expect(within(table).queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Email')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
  });

  it('shows the empty state', async () => {
    server.use(http.get(membersUrl, () => HttpResponse.json([])));
    renderApp('/admin/members', { me: systemAdminMe });
    expect(
      await screen.findByText('This workspace has no members yet.'),
    ).toBeVisible();
  });

  it('shows a load error with a retry', async () => {
    server.use(
      http.get(membersUrl, () =>
        HttpResponse.json(errorBody(503, 'Database unavailable'), {
          status: 503,
        }),
      ),
    );
    renderApp('/admin/members', { me: systemAdminMe });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Database unavailable');
    expect(
      within(alert).getByRole('button', { name: 'Try again' }),
    ).toBeVisible();
  });

  it('invites by email with a role, and shows a conflict', async () => {
    const bodies: unknown[] = [];
    let members = [ownerMember];
    server.use(
      http.get(membersUrl, () => HttpResponse.json(members)),
      http.post(membersUrl, async ({ request }) => {
        const body = (await request.json()) as { email: string; role: string };
        bodies.push(body);
        if (body.email === ownerMember.email) {
          return HttpResponse.json(errorBody(409, 'Already a member'), {
            status: 409,
          });
        }
        const added = { ...readerMember, email: body.email, role: body.role };
        members = [ownerMember, added];
        return HttpResponse.json(added, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/members', { me: systemAdminMe });
    await screen.findByRole('table');

    await user.type(screen.getByLabelText('Email'), 'new@example.com');
    await user.selectOptions(screen.getByLabelText('Role'), 'editor');
    await user.click(screen.getByRole('button', { name: 'Invite' }));

    expect(await screen.findByLabelText('Role of new@example.com')).toHaveValue(
      'editor',
    );
    expect(bodies).toEqual([{ email: 'new@example.com', role: 'editor' }]);
    expect(screen.getByLabelText('Email')).toHaveValue('');

    await user.type(screen.getByLabelText('Email'), ownerMember.email);
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not add the member');
    expect(alert).toHaveTextContent('Already a member');
    expect(alert).toHaveTextContent('req-409');
  });

  it('invites an email without an account and lists the invitation', async () => {
    let invitations: (typeof pending)[] = [];
    server.use(
      http.get(invitationsUrl, () => HttpResponse.json(invitations)),
      http.post(membersUrl, async ({ request }) => {
        const body = (await request.json()) as { email: string; role: string };
        invitations = [{ ...pending, email: body.email, role: body.role }];
        return HttpResponse.json(invitations[0], { status: 202 });
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/members', { me: systemAdminMe });
    expect(
      await screen.findByText('No invitations are waiting for an answer.'),
    ).toBeVisible();

    await user.type(screen.getByLabelText('Email'), 'new@example.com');
    await user.selectOptions(screen.getByLabelText('Role'), 'editor');
    await user.click(screen.getByRole('button', { name: 'Invite' }));

    expect(
      await screen.findByText(/Invited new@example.com as editor/),
    ).toBeVisible();
    const section = screen
      .getByRole('heading', { name: 'Pending invitations' })
      .closest('section') as HTMLElement;
    const row = (await within(section).findByText('new@example.com')).closest(
      'tr',
    );
    expect(row).toHaveTextContent('editor');
    // an invitation is not a member
    expect(screen.queryByLabelText('Role of new@example.com')).toBeNull();
  });

  it('revokes an invitation after confirmation, and marks expired ones', async () => {
    let invitations = [
      pending,
      {
        ...pending,
        id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
        email: 'late@example.com',
        expired: true,
      },
    ];
    const revoked: string[] = [];
    server.use(
      http.get(invitationsUrl, () => HttpResponse.json(invitations)),
      http.delete(`${invitationsUrl}/:id`, ({ params }) => {
        revoked.push(String(params.id));
        invitations = invitations.filter((i) => i.id !== params.id);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/members', { me: systemAdminMe });

    const lateRow = (await screen.findByText('late@example.com')).closest('tr');
    expect(lateRow).toHaveTextContent('Expired');
    await user.click(
      screen.getByRole('button', {
        name: 'Revoke the invitation to new@example.com',
      }),
    );
    const dialog = screen.getByRole('alertdialog', {
      name: 'Revoke this invitation?',
    });
    await user.click(
      within(dialog).getByRole('button', { name: 'Revoke invitation' }),
    );
    await waitFor(() => {
      expect(screen.queryByText('new@example.com')).not.toBeInTheDocument();
    });
    expect(revoked).toEqual([pending.id]);
  });

  it('shows no invitations to a reader', async () => {
    renderApp('/admin/members', { me: readerMe });
    await screen.findByRole('table');
    expect(
      screen.queryByRole('heading', { name: 'Pending invitations' }),
    ).toBeNull();
  });

  it('offers the owner role only to owners', async () => {
    renderApp('/admin/members', { me: workspaceAdminMe });
    await screen.findByRole('table');

    const invite = screen.getByLabelText('Role');
    expect(
      within(invite).queryByRole('option', { name: 'owner' }),
    ).not.toBeInTheDocument();
    const ownerSelect = screen.getByLabelText('Role of admin@localhost');
    expect(ownerSelect).toHaveValue('owner');
    expect(
      within(ownerSelect).getByRole('option', { name: 'owner' }),
    ).toBeDisabled();
  });

  it('changes a role and shows the last-owner refusal', async () => {
    const patches: unknown[] = [];
    let role = 'reader';
    server.use(
      http.get(membersUrl, () =>
        HttpResponse.json([ownerMember, { ...readerMember, role }]),
      ),
      http.patch(`${membersUrl}/:userId`, async ({ request, params }) => {
        const body = (await request.json()) as { role: string };
        patches.push({ userId: params.userId, ...body });
        if (params.userId === ownerMember.userId) {
          return HttpResponse.json(
            errorBody(409, 'A workspace must keep at least one owner'),
            { status: 409 },
          );
        }
        role = body.role;
        return HttpResponse.json({ ...readerMember, role });
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/members', { me: systemAdminMe });

    await user.selectOptions(
      await screen.findByLabelText('Role of reader@example.com'),
      'admin',
    );
    expect(patches).toEqual([]);
    await user.click(
      screen.getByRole('button', { name: 'Save role of reader@example.com' }),
    );
    await waitFor(() => {
      expect(screen.getByLabelText('Role of reader@example.com')).toHaveValue(
        'admin',
      );
    });
    expect(patches).toEqual([{ userId: readerMember.userId, role: 'admin' }]);

    await user.selectOptions(
      screen.getByLabelText('Role of admin@localhost'),
      'reader',
    );
    await user.click(
      screen.getByRole('button', { name: 'Save role of admin@localhost' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not change the role');
    expect(alert).toHaveTextContent('A workspace must keep at least one owner');
    await waitFor(() => {
      expect(screen.getByLabelText('Role of admin@localhost')).toHaveValue(
        'owner',
      );
    });
  });

  it('removes a member after confirmation and shows the server refusal', async () => {
    let members = [ownerMember, readerMember];
    server.use(
      http.get(membersUrl, () => HttpResponse.json(members)),
      http.delete(`${membersUrl}/:userId`, ({ params }) => {
        if (params.userId === ownerMember.userId) {
          return HttpResponse.json(
            errorBody(409, 'The last owner cannot be removed'),
            { status: 409 },
          );
        }
        members = [ownerMember];
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/members', { me: systemAdminMe });

    const opener = await screen.findByRole('button', {
      name: 'Remove admin@localhost',
    });
    await user.click(opener);
    let dialog = screen.getByRole('alertdialog', {
      name: 'Remove this member?',
    });
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toHaveFocus();
    await user.click(
      within(dialog).getByRole('button', { name: 'Remove member' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The last owner cannot be removed',
    );
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();

    await user.click(
      screen.getByRole('button', { name: 'Remove reader@example.com' }),
    );
    dialog = screen.getByRole('alertdialog');
    await user.click(
      within(dialog).getByRole('button', { name: 'Remove member' }),
    );
    await waitFor(() => {
      expect(screen.queryByText('reader@example.com')).not.toBeInTheDocument();
    });
    expect(
      await screen.findByText('Removed reader@example.com.'),
    ).toBeVisible();
  });
});
