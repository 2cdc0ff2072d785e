import { Link } from 'react-router';

import { Card } from '@/components/ui/card';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Loading } from '@/components/ui/loading';
import { StatusBadge } from '@/components/ui/status-badge';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api-client';
import { Can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';

import { useRecentSources } from '../api/get-recent-sources';

export function RecentSources() {
  const query = useRecentSources();
  return (
    <Card title="Recent sources">
      {query.isPending ? <Loading label="Loading recent sources…" /> : null}
      {query.isError ? (
        <ErrorAlert
          title="Could not load recent sources"
          {...describeError(query.error)}
        />
      ) : null}
      {query.isSuccess && query.data.length === 0 ? (
        <p className="muted">
          No sources yet.{' '}
          <Can permission="write">
            <Link to={paths.ingest.getHref()}>Add some</Link>.
          </Can>
        </p>
      ) : null}
      {query.isSuccess && query.data.length > 0 ? (
        <ul className="plain-list">
          {query.data.map((source) => (
            <li key={source.id}>
              <Link to={paths.source.getHref(source.id)}>
                {source.title ?? source.uri ?? source.id}
              </Link>{' '}
              <StatusBadge status={source.status} />{' '}
              <span className="muted">{formatDateTime(source.createdAt)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
