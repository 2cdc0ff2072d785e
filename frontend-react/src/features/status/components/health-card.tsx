import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Fact, Facts } from '@/components/ui/facts';
import { Loading } from '@/components/ui/loading';
import { describeError } from '@/lib/api-client';

import { useHealth, type Health } from '../api/get-health';

export function HealthCard() {
  const health = useHealth();

  return (
    <Card title="Health">
      {health.isPending ? <Loading label="Checking service health…" /> : null}
      {health.isError ? (
        <ErrorAlert
          title={
            health.data
              ? 'Could not refresh the service health'
              : 'Could not load the service health'
          }
          {...describeError(health.error)}
          action={
            <Button
              onClick={() => void health.refetch()}
              disabled={health.isFetching}
            >
              Try again
            </Button>
          }
        />
      ) : null}
      {health.data ? <HealthDetails health={health.data} /> : null}
    </Card>
  );
}

function HealthDetails({ health }: { health: Health }) {
  const checks = Object.entries(health.checks).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return (
    <>
      <Facts>
        <Fact label="Overall" testId="health-status">
          <span className={`badge badge-${health.status}`}>
            {health.status}
          </span>
        </Fact>
        <Fact label="Index lag" testId="health-index-lag">
          {describeLag(health.indexLag)}
        </Fact>
        <Fact label="Queued jobs" testId="health-queued-jobs">
          {health.queuedJobs ?? 'unknown'}
        </Fact>
      </Facts>
      {checks.length === 0 ? (
        <p className="muted">The service reported no individual checks.</p>
      ) : (
        <table className="checks" aria-label="Health checks">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">State</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {checks.map(([name, check]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>
                  <span
                    className={`badge ${check.healthy ? 'badge-ok' : 'badge-degraded'}`}
                  >
                    {check.healthy ? 'healthy' : 'unhealthy'}
                  </span>
                </td>
                <td>{check.message ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The index lag in words: how many stored changes searches on this node do not see yet. */
function describeLag(lag: number | null | undefined): string {
  if (lag === null || lag === undefined) {
    return 'unknown';
  }
  if (lag === 0) {
    return 'none: search is up to date';
  }
  return `${lag} ${lag === 1 ? 'change' : 'changes'} not yet searchable`;
}
