import { Link, useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { OffsetPager } from '@/components/ui/offset-pager';
import { QueryState } from '@/components/ui/query-state';
import { StatusBadge } from '@/components/ui/status-badge';
import { paths } from '@/config/paths';
import { Can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';

import { isActive, jobKinds, jobStatuses, useJobs } from '../api/get-jobs';
import { CancelJobButton } from './cancel-job-button';
import { JobProgress } from './job-progress';

export const PAGE_SIZE = 20;

/** The workspace's jobs, newest first; filters and page live in the URL (a source links here with its id). */
export function JobsTable() {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  const subjectId = params.get('subjectId') ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);

  const query = useJobs({ kind, status, subjectId, limit: PAGE_SIZE, offset });

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setParams(next);
  };

  const total = query.data?.total ?? 0;
  const items = query.data?.items ?? [];

  return (
    <>
      <form className="filters" aria-label="Job filters">
        <div className="field">
          <label htmlFor="jobs-kind">Kind</label>
          <select
            id="jobs-kind"
            value={kind}
            onChange={(event) => {
              update({ kind: event.target.value, offset: '' });
            }}
          >
            <option value="">Any kind</option>
            {jobKinds.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="jobs-status">Status</label>
          <select
            id="jobs-status"
            value={status}
            onChange={(event) => {
              update({ status: event.target.value, offset: '' });
            }}
          >
            <option value="">Any status</option>
            {jobStatuses.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </div>
        {subjectId ? (
          <p className="muted">
            Jobs of <Link to={paths.source.getHref(subjectId)}>one source</Link>{' '}
            ·{' '}
            <Button
              onClick={() => {
                update({ subjectId: '', offset: '' });
              }}
            >
              Show all jobs
            </Button>
          </p>
        ) : null}
      </form>

      <QueryState
        query={query}
        loadingLabel="Loading jobs…"
        errorTitle="Could not load the jobs"
      />
      {query.isSuccess && items.length === 0 ? (
        <p className="muted">
          {kind || status || subjectId
            ? 'No jobs match these filters.'
            : 'No jobs yet: large documents, re-syncs and reindexing run here.'}
        </p>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="muted">
              Jobs {offset + 1}–{offset + items.length} of {total}
            </caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Source</th>
                <th scope="col">Attempts</th>
                <th scope="col">Started</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((job) => (
                <tr key={job.id}>
                  <th scope="row">{job.kind}</th>
                  <td>
                    <StatusBadge status={job.status} />
                    {job.lastError ? (
                      <p className="muted">{job.lastError}</p>
                    ) : null}
                  </td>
                  <td>
                    <JobProgress job={job} />
                  </td>
                  <td>
                    {job.subjectId && job.kind !== 'reindex' ? (
                      <Link to={paths.source.getHref(job.subjectId)}>
                        Source
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {job.attempts} of {job.maxAttempts}
                  </td>
                  <td>{job.startedAt ? formatDateTime(job.startedAt) : '—'}</td>
                  <td>
                    {isActive(job) ? (
                      <Can permission="write">
                        <CancelJobButton job={job} />
                      </Can>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <OffsetPager
        offset={offset}
        limit={PAGE_SIZE}
        count={items.length}
        total={total}
        onChange={(next) => {
          update({ offset: String(next) });
        }}
      />
    </>
  );
}
