import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

import { paths } from '@/config/paths';

/** Shown when rendering a page fails; the header stays usable. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'An unexpected error occurred.';

  return (
    <div className="narrow" role="alert">
      <h1>Something went wrong</h1>
      <p>{message}</p>
      <p>
        <Link to={paths.home.getHref()}>Back to the service status</Link>
      </p>
    </div>
  );
}
