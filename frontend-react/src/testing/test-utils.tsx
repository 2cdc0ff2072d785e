import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { http } from 'msw';
import type { ReactElement } from 'react';
import { createMemoryRouter, MemoryRouter, RouterProvider } from 'react-router';

import { AppProvider } from '@/app/provider';
import { routes, useRedirectToSignInOnUnauthorized } from '@/app/router';
import { meQueryKey, type Me } from '@/lib/auth';

import { ownerMe } from './mocks/data';
import { server } from './mocks/server';
import { signedIn } from './mocks/session';

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity } },
  });
}

/** Renders a component with a fresh query client and a router at `route`. */
export function renderWithProviders(
  ui: ReactElement,
  { route = '/' }: { route?: string } = {},
) {
  return render(
    <AppProvider queryClient={createTestQueryClient()}>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </AppProvider>,
  );
}

type MemoryDataRouter = ReturnType<typeof createMemoryRouter>;

function TestRouter({ router }: { router: MemoryDataRouter }) {
  useRedirectToSignInOnUnauthorized(router);
  return <RouterProvider router={router} />;
}

/**
 * Renders the whole console (its real routes) at `path`. The shell shows pages once the session
 * check has answered; so that page tests can assert on the first render, the caller is already
 * known (`me`, by default the owner) and the mock service answers the same. `me: null` leaves
 * `/api/v1/session` to the test.
 */
export function renderApp(
  path: string,
  { me = ownerMe }: { me?: Me | null } = {},
) {
  const queryClient = createTestQueryClient();
  if (me) {
    server.use(http.get('/api/v1/session', () => signedIn(me)));
    queryClient.setQueryData(meQueryKey, me);
  }
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <AppProvider queryClient={queryClient}>
      <TestRouter router={router} />
    </AppProvider>,
  );
  return { ...result, router, queryClient };
}
