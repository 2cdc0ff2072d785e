import { StatusPanel } from '@/features/status/components/status-panel';
import { HEALTH_REFRESH_MS } from '@/features/status/api/get-health';

export function HomeRoute() {
  return (
    <>
      <h1>Service status</h1>
      <p className="lead">
        Health and version of this Mini-RAG instance. Health refreshes every{' '}
        {HEALTH_REFRESH_MS / 1000} seconds.
      </p>
      <StatusPanel />
    </>
  );
}
