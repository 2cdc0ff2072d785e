import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, MemoryRouter, RouterProvider } from 'react-router';

import { AppProvider } from '@/app/provider';
import { routes, useRedirectToSignInOnUnauthorized } from '@/app/router';

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

/** Renders the whole console (its real routes) at `path`. */
export function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <AppProvider queryClient={createTestQueryClient()}>
      <TestRouter router={router} />
    </AppProvider>,
  );
  return { ...result, router };
}
