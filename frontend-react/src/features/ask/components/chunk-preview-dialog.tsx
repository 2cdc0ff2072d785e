import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Loading } from '@/components/ui/loading';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api-client';
import { formatSeconds } from '@/lib/format';

import type { Citation } from '../api/ask';
import { useCitedSource } from '../api/get-source';

export function locationOf(citation: Citation): string | null {
  if (citation.page != null) {
    return `Page ${citation.page}`;
  }
  if (citation.startSeconds != null) {
    const end =
      citation.endSeconds != null
        ? `–${formatSeconds(citation.endSeconds)}`
        : '';
    return `At ${formatSeconds(citation.startSeconds)}${end}`;
  }
  return null;
}

/** The chunk text with the cited sentence (snippetStart..snippetEnd) in a <mark>. */
export function HighlightedChunk({
  text,
  start,
  end,
}: {
  text: string;
  start: number | null | undefined;
  end: number | null | undefined;
}) {
  if (
    start == null ||
    end == null ||
    start < 0 ||
    end > text.length ||
    end <= start
  ) {
    return <p className="chunk-text">{text}</p>;
  }
  return (
    <p className="chunk-text">
      {text.slice(0, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end)}
    </p>
  );
}

type ChunkPreviewDialogProps = {
  citation: Citation;
  onClose: () => void;
};

export function ChunkPreviewDialog({
  citation,
  onClose,
}: ChunkPreviewDialogProps) {
  const query = useCitedSource(citation.sourceId);
  const chunk = query.data?.chunks.find((c) => c.id === citation.chunkId);
  const location = locationOf(citation);
  const title = citation.title ?? query.data?.title ?? 'Untitled source';

  return (
    <Dialog title="Chunk preview" onClose={onClose}>
      <p className="preview-source">
        <strong>
          [{citation.n}] {title}
        </strong>
        {location ? <span className="muted"> · {location}</span> : null}
      </p>
      {query.isPending ? <Loading label="Loading the cited passage…" /> : null}
      {query.isError ? (
        <ErrorAlert
          title="Could not load the cited source"
          {...describeError(query.error)}
        />
      ) : null}
      {query.isSuccess && chunk ? (
        <div className="preview-text">
          <HighlightedChunk
            text={chunk.text}
            start={citation.snippetStart}
            end={citation.snippetEnd}
          />
        </div>
      ) : null}
      {query.isSuccess && !chunk ? (
        <>
          <p className="notice">
            This passage is no longer in the source (it may have been
            refreshed). The cited sentence was:
          </p>
          <p className="chunk-text">
            <mark>{citation.snippet}</mark>
          </p>
        </>
      ) : null}
      <div className="actions">
        {citation.uri ? (
          <a href={citation.uri} target="_blank" rel="noreferrer">
            Open the original
          </a>
        ) : null}
        <Link to={paths.source.getHref(citation.sourceId)}>View source</Link>
        <Link to={paths.sources.getHref()}>Back to sources</Link>
        <Button className="button-secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
