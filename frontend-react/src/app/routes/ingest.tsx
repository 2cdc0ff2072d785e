import { NoAccess } from '@/components/ui/no-access';
import { PageHeader } from '@/components/ui/page-header';
import { FilesSection } from '@/features/ingest/components/files-section';
import { TextSection } from '@/features/ingest/components/text-section';
import { UrlsSection } from '@/features/ingest/components/urls-section';
import { YoutubeSection } from '@/features/ingest/components/youtube-section';
import { useMe } from '@/lib/auth';
import { useCan } from '@/lib/authorization';

export function IngestRoute() {
  const canWrite = useCan('write');
  const { data: me } = useMe();
  if (!canWrite) {
    return (
      <>
        <PageHeader title="Ingest" />
        <NoAccess>
          <p>
            Adding sources needs the editor role or higher in this workspace
            {me?.role ? `; yours is ${me.role}` : ''}. A workspace admin can
            change it. You can still search and ask.
          </p>
        </NoAccess>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Ingest"
        lead="Add files, web pages, a YouTube video or plain text. Each item reports its own result."
      />
      <div className="ingest-grid">
        <FilesSection />
        <UrlsSection />
        <YoutubeSection />
        <TextSection />
      </div>
    </>
  );
}
