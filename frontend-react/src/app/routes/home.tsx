import { PageHeader } from '@/components/ui/page-header';
import { GettingStarted } from '@/features/dashboard/components/getting-started';
import { PlanCards } from '@/features/dashboard/components/plan-cards';
import { RecentSources } from '@/features/dashboard/components/recent-sources';
import { SourceCounts } from '@/features/dashboard/components/source-counts';
import { MyInvitations } from '@/features/invitations/components/my-invitations';
import { HEALTH_REFRESH_MS } from '@/features/status/api/get-health';
import { StatusPanel } from '@/features/status/components/status-panel';

export function HomeRoute() {
  return (
    <>
      <PageHeader title="Dashboard" />
      <MyInvitations />
      <GettingStarted />
      <div className="status-grid">
        <SourceCounts />
        <RecentSources />
      </div>
      <h2 className="section-heading">Service status</h2>
      <p className="lead">
        Health, search index lag, job queue and version of this Mini-RAG
        instance. Health refreshes every {HEALTH_REFRESH_MS / 1000} seconds.
      </p>
      <StatusPanel />
      <h2 className="section-heading">Plan</h2>
      <div className="status-grid">
        <PlanCards />
      </div>
    </>
  );
}
