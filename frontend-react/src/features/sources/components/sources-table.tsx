import { useState, type SyntheticEvent } from 'react';
import { Link, useSearchParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { OffsetPager } from '@/components/ui/offset-pager';
import { QueryState } from '@/components/ui/query-state';
import { StatusBadge } from '@/components/ui/status-badge';
import { paths } from '@/config/paths';
import { Can } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { sourceKinds, sourceStatuses } from '@/lib/schemas';

import { useSources } from '../api/get-sources';

export const PAGE_SIZE = 20;

/** The paged source list; search, filters and page live in the URL so they survive reloads. */
export function SourcesTable() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const [draft, setDraft] = useState(q);

  const query = useSources({ q, kind, status, limit: PAGE_SIZE, offset });

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

  const onSearch = (event: SyntheticEvent) => {
    event.preventDefault();
    update({ q: draft.trim(), offset: '' });
  };

  const total = query.data?.total ?? 0;
  const items = query.data?.items ?? [];

  return (
    <>
      <form className="filters" role="search" onSubmit={onSearch}>
        <div className="field">
          <label htmlFor="sources-q">Search title, URL or file name</label>
          <input
            id="sources-q"
            type="search"
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="sources-kind">Kind</label>
          <select
            id="sources-kind"
            value={kind}
            onChange={(event) => {
              update({ kind: event.target.value, offset: '' });
            }}
          >
            <option value="">Any kind</option>
            {sourceKinds.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sources-status">Status</label>
          <select
            id="sources-status"
            value={status}
            onChange={(event) => {
              update({ status: event.target.value, offset: '' });
            }}
          >
            <option value="">Any status</option>
            {sourceStatuses.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </div>
        <Button type="submit">Search</Button>
      </form>

      <QueryState
        query={query}
        loadingLabel="Loading sources…"
        errorTitle="Could not load the sources"
      />
      {query.isSuccess && items.length === 0 ? (
        <p className="muted">
          {q || kind || status
            ? 'No sources match these filters.'
            : 'No sources yet.'}{' '}
          <Can permission="write">
            <Link to={paths.ingest.getHref()}>Add sources</Link>
          </Can>
        </p>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="muted">
              Sources {offset + 1}–{offset + items.length} of {total}
            </caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Chunks</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {items.map((source) => (
                <tr key={source.id}>
                  <th scope="row">
                    <Link to={paths.source.getHref(source.id)}>
                      {source.title ?? source.uri ?? source.id}
                    </Link>
                    {source.fileName ? (
                      <span className="muted"> · {source.fileName}</span>
                    ) : null}
                  </th>
                  <td>{source.kind}</td>
                  <td>
                    <StatusBadge status={source.status} />
                  </td>
                  <td>{source.chunkCount ?? '—'}</td>
                  <td>{formatDateTime(source.createdAt)}</td>
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
