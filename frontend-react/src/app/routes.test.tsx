import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import { server } from '@/testing/mocks/server';
import { renderApp } from '@/testing/test-utils';

describe('console routes', () => {
  it('shows the dashboard with the status panel on the home route', async () => {
    renderApp('/');

    expect(
      screen.getByRole('heading', { level: 1, name: 'Dashboard' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Service status' }),
    ).toBeInTheDocument();
    expect(document.title).toBe('Dashboard · Mini-RAG');
    expect(await screen.findByTestId('health-status')).toHaveTextContent('ok');
    expect(await screen.findByTestId('version')).toHaveTextContent(
      '0.1.0-SNAPSHOT',
    );
  });

  it('opens the sign-in page from a deep link, outside the shell', async () => {
    renderApp('/sign-in');

    expect(
      screen.getByRole('heading', { level: 1, name: 'Sign in to Mini-RAG' }),
    ).toBeInTheDocument();
    expect(document.title).toBe('Sign in · Mini-RAG');
    expect(
      await screen.findByLabelText('Sign-in link or token'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('navigation', { name: 'Main' }),
    ).not.toBeInTheDocument();
  });

  it('says when a page does not exist', () => {
    renderApp('/no/such/page');

    expect(
      screen.getByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Back to the service status' }),
    ).toHaveAttribute('href', '/');
  });

  it('sends the user to sign in when the API answers 401', async () => {
    server.use(
      http.get('/api/v1/health', () =>
        HttpResponse.json(
          { code: 401, message: 'Not signed in' },
          { status: 401 },
        ),
      ),
    );
    const { router } = renderApp('/?tab=1');

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Sign in to Mini-RAG',
      }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe(
      `?redirectTo=${encodeURIComponent('/?tab=1')}`,
    );
    expect(
      screen.getByText('The page you asked for needs a signed-in session.'),
    ).toBeInTheDocument();
  });
});
