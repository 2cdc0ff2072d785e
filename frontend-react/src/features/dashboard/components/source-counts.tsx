import { Card } from '@/components/ui/card';
import { ErrorAlert } from '@/components/ui/error-alert';
import { describeError } from '@/lib/api-client';

import { useSourceTotal } from '../api/get-source-total';

function Count({ label, status }: { label: string; status?: string }) {
  const query = useSourceTotal(status);
  let value: string;
  if (query.isPending) {
    value = '…';
  } else if (query.isError) {
    value = 'unavailable';
  } else {
    value = String(query.data);
  }
  return (
    <div className="stat">
      <span className="stat-label" id={`count-${status ?? 'all'}`}>
        {label}
      </span>
      <span
        className="stat-value"
        aria-labelledby={`count-${status ?? 'all'}`}
        aria-busy={query.isPending}
      >
        {value}
      </span>
    </div>
  );
}

/** Document count and counts per status, each one GET /v1/sources?limit=1 total. */
export function SourceCounts() {
  const all = useSourceTotal();
  return (
    <Card title="Documents">
      {all.isError ? (
        <ErrorAlert
          title="Could not count the sources"
          {...describeError(all.error)}
        />
      ) : null}
      <div className="stats">
        <Count label="All sources" />
        <Count label="Ready" status="ready" />
        <Count label="Pending" status="pending" />
        <Count label="Embedding" status="embedding" />
        <Count label="Failed" status="failed" />
      </div>
    </Card>
  );
}
