import { PageHeader } from '@/components/ui/page-header';
import { FilesSection } from '@/features/ingest/components/files-section';
import { TextSection } from '@/features/ingest/components/text-section';
import { UrlsSection } from '@/features/ingest/components/urls-section';
import { YoutubeSection } from '@/features/ingest/components/youtube-section';

export function IngestRoute() {
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
