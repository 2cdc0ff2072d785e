import { PageHeader } from '@/components/ui/page-header';
import { SourcesTable } from '@/features/sources/components/sources-table';

export function SourcesRoute() {
  return (
    <>
      <PageHeader
        title="Sources"
        lead="Everything this workspace can answer from."
      />
      <SourcesTable />
    </>
  );
}
