import { Link } from 'react-router';

import { ErrorAlert } from '@/components/ui/error-alert';
import { Fact, Facts } from '@/components/ui/facts';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api-client';
import { Can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import type { SourceDetail } from '@/lib/schemas';

import {
  resyncIntervals,
  useSetResyncInterval,
} from '../api/set-resync-interval';

const DEFAULT = 'default';

/** When a URL or YouTube source was last checked and changed, when it is checked next, and how often. */
export function ResyncPanel({ source }: { source: SourceDetail }) {
  const mutation = useSetResyncInterval();
  const resync = source.resync;
  if (!resync) {
    return null;
  }
  return (
    <section className="card" aria-labelledby="source-resync">
      <h2 id="source-resync">Re-sync</h2>
      <Facts>
        <Fact label="Interval">
          {resync.effective}
          {resync.interval ? '' : ' (workspace default)'}
        </Fact>
        <Fact label="Last checked">
          {resync.lastCheckedAt
            ? formatDateTime(resync.lastCheckedAt)
            : 'never'}
        </Fact>
        <Fact label="Last changed">
          {resync.lastChangedAt
            ? formatDateTime(resync.lastChangedAt)
            : 'never'}
        </Fact>
        <Fact label="Next check">
          {resync.nextCheckAt ? formatDateTime(resync.nextCheckAt) : '—'}
        </Fact>
      </Facts>
      <Can permission="write">
        <div className="field">
          <label htmlFor="resync-interval">Re-sync this source</label>
          <select
            id="resync-interval"
            value={resync.interval ?? DEFAULT}
            disabled={mutation.isPending}
            onChange={(event) => {
              const value = event.target.value;
              mutation.mutate({
                id: source.id,
                interval: value === DEFAULT ? null : value,
              });
            }}
          >
            <option value={DEFAULT}>Workspace default</option>
            {resyncIntervals.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </div>
      </Can>
      {mutation.isError ? (
        <ErrorAlert
          title="Could not change the interval"
          {...describeError(mutation.error)}
        />
      ) : null}
      <p>
        <Link to={paths.jobs.getHref(source.id)}>Jobs of this source</Link>
      </p>
    </section>
  );
}
