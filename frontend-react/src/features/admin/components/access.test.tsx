import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import {
  readerMe,
  systemAdminMe,
  workspaceAdminMe,
} from '@/testing/mocks/admin-data';
import { errorBody } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('Admin access', () => {
  it('sends an admin from /admin to the members page with every tab', async () => {
    const { router } = renderApp('/admin', { me: systemAdminMe });

    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/admin/members');
    });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Members' }),
    ).toBeVisible();
    expect(document.title).toBe('Members · Mini-RAG');
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(crumbs).toHaveTextContent('Mini-RAG');
    expect(crumbs).toHaveTextContent('Admin');
    const tabs = screen.getByRole('navigation', { name: 'Admin sections' });
    for (const name of [
      'Members',
      'API keys',
      'Users',
      'Audit log',
      'Limits',
    ]) {
      expect(screen.getByRole('link', { name })).toBeVisible();
    }
    expect(tabs.querySelector('[aria-current="page"]')).toHaveTextContent(
      'Members',
    );
  });

  it('hides the system sections from a workspace admin and refuses a deep link', async () => {
    renderApp('/admin/users', { me: workspaceAdminMe });

    expect(
      await screen.findByText('You don’t have access to this page'),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: 'API keys' })).toBeVisible();
    expect(
      screen.queryByRole('link', { name: 'Audit log' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Limits' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Search' }),
    ).not.toBeInTheDocument();
  });

  it('tells a reader at /admin they have no access, and points to the member list', async () => {
    const { router } = renderApp('/admin', { me: readerMe });

    expect(
      await screen.findByText('You don’t have access to this page'),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/admin');
    expect(
      screen.getByRole('link', { name: 'see who is in this workspace' }),
    ).toHaveAttribute('href', '/admin/members');
    expect(
      screen.getByRole('heading', { level: 1, name: 'Admin' }),
    ).toBeVisible();
  });

  it('refuses the API keys page to a reader without calling it', async () => {
    let called = false;
    server.use(
      http.get('/api/v1/api-keys', () => {
        called = true;
        return HttpResponse.json([]);
      }),
    );
    renderApp('/admin/api-keys', { me: readerMe });

    expect(
      await screen.findByText('You don’t have access to this page'),
    ).toBeVisible();
    expect(called).toBe(false);
  });

  it('shows the error when the session check fails', async () => {
    server.use(
      http.get('/api/v1/session', () =>
        HttpResponse.json(errorBody(500, 'Internal server error'), {
          status: 500,
        }),
      ),
    );
    renderApp('/admin/members', { me: null });

    const alert = await screen.findByRole('alert');
    // The shell waits for the session check before any page, so its message is the one shown.
    expect(alert).toHaveTextContent('Could not load your account');
    expect(alert).toHaveTextContent('req-500');
  });
});
