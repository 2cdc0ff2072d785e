import { Link } from 'react-router';

import { paths } from '@/config/paths';

/** Shown instead of a section the caller may not use; the service would answer 403 anyway. */
export function NoAccess({
  canReadMembers = false,
}: {
  canReadMembers?: boolean;
}) {
  return (
    <div className="alert alert-info" role="status">
      <p className="alert-title">You don’t have access to this page</p>
      <p>
        It is for workspace administrators or system administrators. Ask an
        owner of this workspace if you need it.
      </p>
      <p>
        {canReadMembers ? (
          <>
            You can still{' '}
            <Link to={paths.adminMembers.getHref()}>
              see who is in this workspace
            </Link>
            , or go{' '}
          </>
        ) : (
          'Go '
        )}
        <Link to={paths.home.getHref()}>back to the dashboard</Link>.
      </p>
    </div>
  );
}
