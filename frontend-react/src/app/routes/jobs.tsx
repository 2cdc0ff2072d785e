import { PageHeader } from '@/components/ui/page-header';
import { JobsTable } from '@/features/jobs/components/jobs-table';

export function JobsRoute() {
  return (
    <>
      <PageHeader
        title="Jobs"
        lead="Background work of this workspace: embedding, re-syncs, reindexing."
      />
      <JobsTable />
    </>
  );
}
