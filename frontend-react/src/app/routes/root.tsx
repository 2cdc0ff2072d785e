import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Loading } from '@/components/ui/loading';
import { paths } from '@/config/paths';
import { UserMenu } from '@/features/auth/components/user-menu';
import { BillingBanner } from '@/features/billing/components/billing-banner';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';
import { ApiError, describeError } from '@/lib/api-client';
import { useMe } from '@/lib/auth';
import { useCan, useCanAdminister } from '@/lib/authorization';
import { takeReturnPath } from '@/lib/return-path';

type NavItem = { to: string; label: string; end: boolean; show: boolean };

/**
 * The shell: skip link, workspace switcher, navigation for what the caller may do, the signed-in
 * user, and the main landmark that gets focus on navigation. Pages render only once `/me` has
 * answered, so every call they make already carries the resolved workspace.
 */
export function RootLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const me = useMe();
  const canWrite = useCan('write');
  const canAdminister = useCanAdminister();
  // Organization owners and admins pay; the screen itself is readable by every member.
  const canManage = useCan('admin');

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  // A fresh sign-in lands on the home page: go back to where the 401 interrupted the user.
  useEffect(() => {
    if (!me.isSuccess) {
      return;
    }
    const target = takeReturnPath();
    if (target && pathname === paths.home.path) {
      void navigate(target, { replace: true });
    }
  }, [me.isSuccess, pathname, navigate]);

  const navItems: NavItem[] = [
    { to: paths.home.getHref(), label: 'Dashboard', end: true, show: true },
    { to: paths.ask.getHref(), label: 'Ask', end: false, show: true },
    { to: paths.sources.getHref(), label: 'Sources', end: false, show: true },
    { to: paths.ingest.getHref(), label: 'Ingest', end: false, show: canWrite },
    { to: paths.jobs.getHref(), label: 'Jobs', end: false, show: true },
    {
      to: paths.billing.getHref(),
      label: 'Billing',
      end: false,
      show: canManage,
    },
    {
      to: paths.admin.getHref(),
      label: 'Admin',
      end: false,
      show: canAdminister,
    },
  ];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <Link to={paths.home.getHref()} className="brand">
          Mini-RAG
        </Link>
        <WorkspaceSwitcher />
        <nav aria-label="Main">
          <ul className="side-nav">
            {navItems
              .filter((item) => item.show)
              .map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <UserMenu />
      </aside>
      <main id="main" ref={mainRef} className="content" tabIndex={-1}>
        {me.isSuccess ? <BillingBanner /> : null}
        {me.isSuccess ? <Outlet /> : null}
        {me.isPending ? <Loading label="Loading your account…" /> : null}
        {me.isError &&
        !(me.error instanceof ApiError && me.error.status === 401) ? (
          <ErrorAlert
            title="Could not load your account"
            {...describeError(me.error)}
            action={
              <Button onClick={() => void me.refetch()}>Try again</Button>
            }
          />
        ) : null}
      </main>
    </div>
  );
}
