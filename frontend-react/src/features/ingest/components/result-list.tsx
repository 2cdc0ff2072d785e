import { Link } from 'react-router';

import { ProgressBar } from '@/components/ui/progress-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { paths } from '@/config/paths';

import type { Outcome } from '../utils/messages';

export type ResultRow = {
  key: string;
  label: string;
  /** Undefined while the item is on its way. */
  outcome?: Outcome;
  /** Upload progress 0..1 when the browser reports it. */
  progress?: number;
};

/** Per-item results: accepted, duplicate (links to the existing source) or failed with why. */
export function ResultList({
  label,
  rows,
}: {
  label: string;
  rows: ResultRow[];
}) {
  if (rows.length === 0) {
    return null;
  }
  return (
    <ul className="results" aria-label={label}>
      {rows.map((row) => (
        <li key={row.key} className="result">
          <span className="result-label">{row.label}</span>
          {row.outcome ? (
            <>
              <StatusBadge status={row.outcome.status} />
              {row.outcome.status === 'accepted' && row.outcome.sourceId ? (
                <Link to={paths.source.getHref(row.outcome.sourceId)}>
                  View source
                </Link>
              ) : null}
              {row.outcome.status === 'duplicate' && row.outcome.sourceId ? (
                <Link to={paths.source.getHref(row.outcome.sourceId)}>
                  Existing source
                </Link>
              ) : null}
              {row.outcome.status === 'failed' ? (
                <span className="result-error">
                  {row.outcome.message}
                  {row.outcome.requestId
                    ? ` (request id ${row.outcome.requestId})`
                    : ''}
                  {row.outcome.billing ? (
                    <>
                      {' '}
                      <Link to={paths.billing.getHref()}>Open Billing</Link>
                    </>
                  ) : null}
                </span>
              ) : null}
            </>
          ) : (
            <>
              <span className="muted">Uploading…</span>
              {row.progress !== undefined ? (
                <ProgressBar
                  label={`Upload of ${row.label}`}
                  value={row.progress}
                />
              ) : null}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
