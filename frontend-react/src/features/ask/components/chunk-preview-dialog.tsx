import { useEffect, useRef } from 'react';
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

/** Where the cited sentence is: "p. 2", "01:02–01:05", "§ Heading", joined when several apply. */
export function locationOf(citation: Citation): string | null {
  const parts: string[] = [];
  if (citation.page != null) {
    parts.push(`p. ${citation.page}`);
  }
  if (citation.startSeconds != null) {
    const end =
      citation.endSeconds != null && citation.endSeconds > citation.startSeconds
        ? `–${formatSeconds(citation.endSeconds)}`
        : '';
    parts.push(`${formatSeconds(citation.startSeconds)}${end}`);
  }
  if (citation.section) {
    parts.push(`§ ${citation.section}`);
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** What a person calls the source: the uploaded file's name, else its title. */
export function nameOf(citation: Citation): string {
  return citation.fileName ?? citation.title ?? 'Untitled source';
}

/**
 * The chunk text with the cited sentence (snippetStart..snippetEnd) in a <mark>, scrolled into
 * view: a long chunk would otherwise hide the sentence below the dialog's fold.
 */
export function HighlightedChunk({
  text,
  start,
  end,
}: {
  text: string;
  start: number | null | undefined;
  end: number | null | undefined;
}) {
  const mark = useRef<HTMLElement>(null);
  useEffect(() => {
    mark.current?.scrollIntoView({ block: 'center' });
  }, [start, end, text]);
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
      <mark ref={mark}>{text.slice(start, end)}</mark>
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
  const title =
    citation.fileName ??
    citation.title ??
    query.data?.title ??
    'Untitled source';

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
