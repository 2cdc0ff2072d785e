import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { loadPage } from '@/lib/browser';
import { errorBody } from '@/testing/mocks/data';
import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

vi.mock('@/lib/browser', () => ({ loadPage: vi.fn() }));

function providers(body: { providers: string[]; devLogin: boolean }) {
  server.use(http.get('/api/v1/auth/providers', () => HttpResponse.json(body)));
}

afterEach(() => {
  vi.mocked(loadPage).mockReset();
});

describe('Sign-in screen', () => {
  it('offers one link per configured provider', async () => {
    providers({ providers: ['oidc', 'google'], devLogin: false });
    renderApp('/sign-in', { me: null });

    expect(
      await screen.findByRole('link', { name: 'Sign in with single sign-on' }),
    ).toHaveAttribute('href', '/api/v1/auth/login/oidc');
    expect(
      screen.getByRole('link', { name: 'Sign in with Google' }),
    ).toHaveAttribute('href', '/api/v1/auth/login/google');
    expect(
      screen.queryByLabelText('Sign-in link or token'),
    ).not.toBeInTheDocument();
  });

  it('explains the development link and redeems a pasted link or token', async () => {
    providers({ providers: [], devLogin: true });
    const user = userEvent.setup();
    renderApp('/sign-in', { me: null });

    const field = await screen.findByLabelText('Sign-in link or token');
    expect(
      screen.getByRole('heading', {
        level: 2,
        name: 'Development sign-in link',
      }),
    ).toBeVisible();
    expect(screen.getByText(/users login-link --email/)).toBeVisible();

    await user.type(
      field,
      'http://localhost:8080/api/v1/auth/dev-login?token=abc123',
    );
    await user.click(
      screen.getByRole('button', { name: 'Sign in with this link' }),
    );
    expect(loadPage).toHaveBeenCalledWith(
      '/api/v1/auth/dev-login?token=abc123',
    );

    await user.clear(field);
    await user.type(field, '  f00d  {Enter}');
    expect(loadPage).toHaveBeenLastCalledWith(
      '/api/v1/auth/dev-login?token=f00d',
    );
  });

  it('says what to paste when the field is empty or not a link', async () => {
    const user = userEvent.setup();
    renderApp('/sign-in', { me: null });

    const field = await screen.findByLabelText('Sign-in link or token');
    await user.click(
      screen.getByRole('button', { name: 'Sign in with this link' }),
    );

    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/Paste the whole sign-in link/);
    expect(loadPage).not.toHaveBeenCalled();
  });

  it('says sign-in is not configured when there is no way in', async () => {
    providers({ providers: [], devLogin: false });
    renderApp('/sign-in', { me: null });

    expect(await screen.findByText('Sign-in is not configured')).toBeVisible();
    expect(screen.getByText('docs/identity.md')).toBeVisible();
    expect(screen.queryByRole('link', { name: /Sign in with/ })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('shows why the last sign-in failed', async () => {
    renderApp('/sign-in?error=link_invalid', { me: null });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sign-in failed');
    expect(alert).toHaveTextContent(/invalid, already used or expired/);
    expect(await screen.findByLabelText('Sign-in link or token')).toBeVisible();
  });

  it('says when the sign-in provider is unavailable', async () => {
    providers({ providers: ['oidc'], devLogin: false });
    renderApp('/sign-in?error=provider_unavailable', { me: null });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The sign-in provider is unavailable');
    expect(
      await screen.findByRole('link', { name: 'Sign in with single sign-on' }),
    ).toBeVisible();
  });

  it('explains a refused unverified email', async () => {
    providers({ providers: ['oidc'], devLogin: false });
    renderApp('/sign-in?error=email_unverified', { me: null });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('has not verified the email address');
  });

  it('explains an identity that conflicts with an existing account', async () => {
    providers({ providers: ['oidc'], devLogin: false });
    renderApp('/sign-in?error=identity_conflict', { me: null });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'not linked to the identity you signed in with',
    );
  });

  it('shows an error when the sign-in options cannot be loaded', async () => {
    server.use(
      http.get('/api/v1/auth/providers', () =>
        HttpResponse.json(errorBody(503, 'Starting up'), { status: 503 }),
      ),
    );
    renderApp('/sign-in', { me: null });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the ways to sign in');
    expect(alert).toHaveTextContent('Starting up');
  });
});
