import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';

import { paths } from '@/config/paths';

const navItems = [
  { to: paths.home.getHref(), label: 'Dashboard', end: true },
  { to: paths.ask.getHref(), label: 'Ask', end: false },
  { to: paths.sources.getHref(), label: 'Sources', end: false },
  { to: paths.ingest.getHref(), label: 'Ingest', end: false },
];

/** The shell: skip link, sidebar navigation, and the main landmark that gets focus on navigation. */
export function RootLayout() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <Link to={paths.home.getHref()} className="brand">
          Mini-RAG
        </Link>
        <nav aria-label="Main">
          <ul className="side-nav">
            {navItems.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-label="Account">
          <ul className="side-nav side-nav-secondary">
            <li>
              <NavLink to={paths.signIn.getHref()}>Sign in</NavLink>
            </li>
          </ul>
        </nav>
      </aside>
      <main id="main" ref={mainRef} className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
