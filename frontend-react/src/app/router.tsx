import { useEffect, useState } from 'react';
import {
  createBrowserRouter,
  RouterProvider,
  type RouteObject,
} from 'react-router';

import { paths } from '@/config/paths';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { rememberReturnPath } from '@/lib/return-path';

import {
  AdminApiKeysRoute,
  AdminAuditRoute,
  AdminIndexRoute,
  AdminLimitsRoute,
  AdminMembersRoute,
  AdminUsersRoute,
} from './routes/admin';
import { AskRoute } from './routes/ask';
import { BillingRoute } from './routes/billing';
import { HomeRoute } from './routes/home';
import { IngestRoute } from './routes/ingest';
import { JobsRoute } from './routes/jobs';
import { NotFoundRoute } from './routes/not-found';
import { RootLayout } from './routes/root';
import { RouteError } from './routes/route-error';
import { SignInRoute } from './routes/sign-in';
import { SourceRoute } from './routes/source';
import { SourcesRoute } from './routes/sources';

export const routes: RouteObject[] = [
  // Outside the shell: there is no user (and no workspace) to show yet.
  {
    path: paths.signIn.path,
    element: <SignInRoute />,
    errorElement: <RouteError />,
  },
  {
    path: paths.home.path,
    element: <RootLayout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomeRoute /> },
          { path: paths.ask.path, element: <AskRoute /> },
          { path: paths.sources.path, element: <SourcesRoute /> },
          { path: paths.source.path, element: <SourceRoute /> },
          { path: paths.ingest.path, element: <IngestRoute /> },
          { path: paths.jobs.path, element: <JobsRoute /> },
          { path: paths.billing.path, element: <BillingRoute /> },
          { path: paths.admin.path, element: <AdminIndexRoute /> },
          { path: paths.adminMembers.path, element: <AdminMembersRoute /> },
          { path: paths.adminApiKeys.path, element: <AdminApiKeysRoute /> },
          { path: paths.adminUsers.path, element: <AdminUsersRoute /> },
          { path: paths.adminAudit.path, element: <AdminAuditRoute /> },
          { path: paths.adminLimits.path, element: <AdminLimitsRoute /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

type DataRouter = ReturnType<typeof createBrowserRouter>;

/**
 * Sends the user to the sign-in route when the service answers 401, remembering where
 * they were (in the URL and in sessionStorage, since the server lands a fresh sign-in on the
 * console home). Does nothing while already on the sign-in route.
 */
export function useRedirectToSignInOnUnauthorized(router: DataRouter): void {
  useEffect(
    () =>
      setUnauthorizedHandler(() => {
        const { pathname, search } = router.state.location;
        if (pathname === paths.signIn.path) {
          return;
        }
        rememberReturnPath(pathname + search);
        void router.navigate(paths.signIn.getHref(pathname + search), {
          replace: true,
        });
      }),
    [router],
  );
}

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  useRedirectToSignInOnUnauthorized(router);
  return <RouterProvider router={router} />;
}
