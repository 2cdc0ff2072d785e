import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';

import { errorBody, ownerMe } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

afterEach(() => {
  document.cookie =
    'csrf_token=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('User menu', () => {
  it('shows who is signed in with their initials', () => {
    renderApp('/');

    const account = screen.getByRole('region', { name: 'Account' });
    expect(within(account).getByText('Ada Lovelace')).toBeVisible();
    expect(within(account).getByText('ada@example.com')).toBeVisible();
    expect(within(account).getByText('AL')).toHaveAttribute(
      'aria-hidden',
      'true',
    );
  });

  it('shows the email alone when there is no display name', () => {
    renderApp('/', { me: { ...ownerMe, displayName: null } });

    const account = screen.getByRole('region', { name: 'Account' });
    expect(within(account).getByText('ada@example.com')).toBeVisible();
    expect(within(account).getByText('A')).toBeInTheDocument();
  });

  it('signs out with the CSRF header and lands on the sign-in screen with an empty cache', async () => {
    document.cookie = 'csrf_token=csrf-1; path=/';
    let csrf: string | null = null;
    server.use(
      http.post('/api/v1/auth/logout', ({ request }) => {
        csrf = request.headers.get('X-CSRF-Token');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    const { router, queryClient } = renderApp('/sources');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sign in to Mini-RAG',
      }),
    ).toBeVisible();
    expect(csrf).toBe('csrf-1');
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe('');
    await waitFor(() => {
      expect(queryClient.getQueryCache().findAll({ queryKey: ['me'] })).toEqual(
        [],
      );
    });
    expect(
      queryClient.getQueryCache().findAll({ queryKey: ['sources'] }),
    ).toEqual([]);
  });

  it('signs out everywhere with the CSRF header and lands on the sign-in screen', async () => {
    document.cookie = 'csrf_token=csrf-2; path=/';
    let csrf: string | null = null;
    server.use(
      http.post('/api/v1/auth/logout-everywhere', ({ request }) => {
        csrf = request.headers.get('X-CSRF-Token');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderApp('/sources');

    await user.click(
      screen.getByRole('button', { name: 'Sign out everywhere' }),
    );

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sign in to Mini-RAG',
      }),
    ).toBeVisible();
    expect(csrf).toBe('csrf-2');
    expect(router.state.location.pathname).toBe('/sign-in');
  });

  it('offers no sign out everywhere to an API key', () => {
    renderApp('/', { me: { ...ownerMe, email: null, displayName: null } });

    expect(
      screen.queryByRole('button', { name: 'Sign out everywhere' }),
    ).toBeNull();
  });

  it('says when signing out failed', async () => {
    server.use(
      http.post('/api/v1/auth/logout', () =>
        HttpResponse.json(errorBody(500, 'Internal error'), { status: 500 }),
      ),
    );
    const user = userEvent.setup();
    renderApp('/');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not sign out',
    );
  });
});
