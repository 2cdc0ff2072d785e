import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import type { User } from '@/features/admin/api/get-users';
import {
  adminUser,
  plainUser,
  systemAdminMe,
} from '@/testing/mocks/admin-data';
import { errorBody } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

import { USERS_PAGE_SIZE } from './users-panel';

const usersUrl = '/api/v1/admin/users';

describe('Users', () => {
  it('searches and pages through users', async () => {
    const seen: string[] = [];
    server.use(
      http.get(usersUrl, ({ request }) => {
        const url = new URL(request.url);
        seen.push(url.search);
        const offset = Number(url.searchParams.get('offset') ?? '0');
        const items = Array.from(
          { length: offset ? 1 : USERS_PAGE_SIZE },
          (_, i) => ({
            ...plainUser,
            id: `u-${offset + i}`,
            email: `user${offset + i}@example.com`,
          }),
        );
        return HttpResponse.json({ items, limit: USERS_PAGE_SIZE, offset });
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/users', { me: systemAdminMe });

    expect(await screen.findByText('user0@example.com')).toBeVisible();
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();
    await user.type(screen.getByLabelText('Search email or name'), 'example');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByText('user25@example.com')).toBeVisible();
    expect(seen.at(-1)).toBe('?q=example&limit=25&offset=25');
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
  });

  it('shows the empty search result', async () => {
    server.use(
      http.get(usersUrl, ({ request }) =>
        new URL(request.url).searchParams.get('q') === 'boom'
          ? HttpResponse.json(errorBody(400, 'limit must be at most 500'), {
              status: 400,
            })
          : HttpResponse.json({ items: [], limit: 25, offset: 0 }),
      ),
    );
    renderApp('/admin/users?q=nobody', { me: systemAdminMe });
    expect(await screen.findByText('No users match “nobody”.')).toBeVisible();
  });

  it('shows a server error with its request id', async () => {
    server.use(
      http.get(usersUrl, () =>
        HttpResponse.json(errorBody(400, 'limit must be at most 500'), {
          status: 400,
        }),
      ),
    );
    renderApp('/admin/users', { me: systemAdminMe });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('limit must be at most 500');
    expect(alert).toHaveTextContent('req-400');
  });

  it('grants the system admin flag after confirmation; never offers it on yourself', async () => {
    let users: User[] = [adminUser, plainUser];
    const patches: unknown[] = [];
    server.use(
      http.get(usersUrl, () =>
        HttpResponse.json({ items: users, limit: 25, offset: 0 }),
      ),
      http.patch(`${usersUrl}/:id`, async ({ request, params }) => {
        const body = (await request.json()) as { systemAdmin: boolean };
        patches.push({ id: params.id, ...body });
        const updated = { ...plainUser, systemAdmin: body.systemAdmin };
        users = [adminUser, updated];
        return HttpResponse.json(updated);
      }),
    );
    const user = userEvent.setup();
    renderApp('/admin/users', { me: systemAdminMe });

    const table = await screen.findByRole('table');
    const me = within(table).getByText('admin@localhost').closest('tr');
    expect(me).toHaveTextContent('You');
    expect(within(me as HTMLElement).queryByRole('button')).toBeNull();

    await user.click(
      screen.getByRole('button', {
        name: 'Make system admin: reader@example.com',
      }),
    );
    const dialog = screen.getByRole('alertdialog', {
      name: 'Make system admin?',
    });
    await user.click(
      within(dialog).getByRole('button', { name: 'Make system admin' }),
    );
    expect(
      await screen.findByRole('button', {
        name: 'Remove system admin: reader@example.com',
      }),
    ).toBeVisible();
    expect(patches).toEqual([{ id: plainUser.id, systemAdmin: true }]);
    expect(
      screen.getByText('reader@example.com is now a system admin.'),
    ).toBeVisible();
  });

  it('shows the server refusal in the dialog', async () => {
    server.use(
      http.get(usersUrl, () =>
        HttpResponse.json({
          items: [{ ...plainUser, systemAdmin: true }],
          limit: 25,
          offset: 0,
        }),
      ),
      http.patch(`${usersUrl}/:id`, () =>
        HttpResponse.json(errorBody(404, 'User not found'), { status: 404 }),
      ),
    );
    const user = userEvent.setup();
    renderApp('/admin/users', { me: systemAdminMe });
    await user.click(
      await screen.findByRole('button', {
        name: 'Remove system admin: reader@example.com',
      }),
    );
    const dialog = screen.getByRole('alertdialog', {
      name: 'Remove system admin?',
    });
    await user.click(
      within(dialog).getByRole('button', { name: 'Remove system admin' }),
    );
    await waitFor(() => {
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'User not found',
      );
    });
  });
});
