import { Link, NavLink, Outlet } from 'react-router';

import { paths } from '@/config/paths';

export function RootLayout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to={paths.home.getHref()} className="brand">
            Mini-RAG
          </Link>
          <nav aria-label="Main">
            <ul className="nav-list">
              <li>
                <NavLink to={paths.home.getHref()} end>
                  Status
                </NavLink>
              </li>
              <li>
                <NavLink to={paths.signIn.getHref()}>Sign in</NavLink>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
