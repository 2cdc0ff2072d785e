import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { getWorkspaceId, setWorkspaceId } from '@/lib/workspace';
import { errorBody, otherWorkspace, ownerMe } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { signedIn, signedOut } from '@/testing/mocks/session';
import { renderApp } from '@/testing/test-utils';

describe('session', () => {
  it('goes to sign-in when the session check says signed out, and back after signing in', async () => {
    let meCalls = 0;
    server.use(
      http.get('/api/v1/session', signedOut),
      // API clients get 401 from /me; the console never asks it (the browser would log the 401).
      http.get('/api/v1/me', () => {
        meCalls += 1;
        return HttpResponse.json(errorBody(401, 'Not signed in'), {
          status: 401,
        });
      }),
    );
    const first = renderApp('/sources?q=tide', { me: null });

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sign in to Mini-RAG',
      }),
    ).toBeVisible();
    expect(first.router.state.location.search).toBe(
      `?redirectTo=${encodeURIComponent('/sources?q=tide')}`,
    );
    expect(window.sessionStorage.getItem('minirag.returnTo')).toBe(
      '/sources?q=tide',
    );
    expect(meCalls).toBe(0);
    first.unmount();

    // The server lands a fresh sign-in on the console home (a new page load).
    server.use(http.get('/api/v1/session', () => signedIn(ownerMe)));
    const second = renderApp('/', { me: null });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sources' }),
    ).toBeVisible();
    expect(second.router.state.location.pathname).toBe('/sources');
    expect(second.router.state.location.search).toBe('?q=tide');
    expect(window.sessionStorage.length).toBe(0);
  });

  it('keeps a deep link when already signed in', async () => {
    window.sessionStorage.setItem('minirag.returnTo', '/ask');
    const { router } = renderApp('/sources');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sources' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/sources');
  });

  it('never returns to a path outside the console', async () => {
    window.sessionStorage.setItem('minirag.returnTo', '//evil.example/x');
    const { router } = renderApp('/');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Dashboard' }),
    ).toBeVisible();
    expect(router.state.location.pathname).toBe('/');
  });

  it('shows a loading state, then the page, while the session check is on its way', async () => {
    renderApp('/ask', { me: null });

    expect(screen.getByText('Loading your account…')).toBeVisible();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Ask' }),
    ).toBeVisible();
  });

  it('falls back to the default workspace when the stored one is not the user’s', async () => {
    setWorkspaceId('99999999-9999-4999-8999-999999999999');
    const seen: (string | null)[] = [];
    server.use(
      http.get('/api/v1/session', ({ request }) => {
        const header = request.headers.get('X-Workspace-Id');
        seen.push(header);
        return header
          ? HttpResponse.json(errorBody(404, 'Workspace not found'), {
              status: 404,
            })
          : signedIn(ownerMe);
      }),
    );
    renderApp('/', { me: null });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Dashboard' }),
    ).toBeVisible();
    // The stale id is sent once, then never again (a slow machine may ask once more, without it).
    expect(seen.slice(0, 2)).toEqual([
      '99999999-9999-4999-8999-999999999999',
      null,
    ]);
    expect(seen.slice(2).every((header) => header === null)).toBe(true);
    expect(getWorkspaceId()).toBeNull();
    expect(screen.getByLabelText('Workspace')).toHaveValue(ownerMe.workspaceId);
  });

  it('keeps a stored workspace the user belongs to', async () => {
    setWorkspaceId(otherWorkspace.id);
    let header: string | null = null;
    server.use(
      http.get('/api/v1/session', ({ request }) => {
        header = request.headers.get('X-Workspace-Id');
        return signedIn({
          ...ownerMe,
          workspaceId: otherWorkspace.id,
          role: 'reader',
          permissions: ['read'],
        });
      }),
    );
    renderApp('/', { me: null });

    await waitFor(() => {
      expect(screen.getByLabelText('Workspace')).toHaveValue(otherWorkspace.id);
    });
    expect(header).toBe(otherWorkspace.id);
  });
});
