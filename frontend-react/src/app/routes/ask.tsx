import { PageHeader } from '@/components/ui/page-header';
import { AskPanel } from '@/features/ask/components/ask-panel';

export function AskRoute() {
  return (
    <>
      <PageHeader
        title="Ask"
        lead="Answers come only from your sources, with numbered citations."
      />
      <AskPanel />
    </>
  );
}
