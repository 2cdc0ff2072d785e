import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function NotFoundRoute() {
  useDocumentTitle('Page not found');
  return (
    <div className="narrow">
      <h1>Page not found</h1>
      <p>This console has no page at this address.</p>
      <p>
        <Link to={paths.home.getHref()}>Back to the service status</Link>
      </p>
    </div>
  );
}
