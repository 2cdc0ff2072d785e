import { Link, useNavigate } from 'react-router';

import { ConfirmButton } from '@/components/ui/confirm-dialog';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Fact, Facts } from '@/components/ui/facts';
import { Loading } from '@/components/ui/loading';
import { PageHeader } from '@/components/ui/page-header';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api-client';
import { Can } from '@/lib/authorization';
import { formatBytes, formatDateTime } from '@/lib/format';
import type { SourceDetail as Detail } from '@/lib/schemas';

import { useDeleteSource } from '../api/delete-source';
import { useSource } from '../api/get-source';
import { ChunkList } from './chunk-list';
import { RefreshButton } from './refresh-button';
import { ResyncPanel } from './resync-panel';

const crumbs = [{ label: 'Sources', to: paths.sources.getHref() }];

export function SourceDetail({ id }: { id: string }) {
  const query = useSource(id);

  if (query.isPending) {
    return (
      <>
        <PageHeader title="Source" crumbs={crumbs} />
        <Loading label="Loading the source…" />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title="Source" crumbs={crumbs} />
        <ErrorAlert
          title="Could not load the source"
          {...describeError(query.error)}
        />
      </>
    );
  }
  return <Loaded source={query.data} />;
}

function Loaded({ source }: { source: Detail }) {
  const busy = source.status === 'pending' || source.status === 'embedding';
  return (
    <>
      <PageHeader
        title={source.title ?? source.uri ?? 'Untitled source'}
        crumbs={crumbs}
      />
      <section className="card" aria-labelledby="source-meta">
        <h2 id="source-meta">Details</h2>
        <Facts>
          <Fact label="Status">
            <StatusBadge status={source.status} />
          </Fact>
          <Fact label="Kind">{source.kind}</Fact>
          {source.fileName ? <Fact label="File">{source.fileName}</Fact> : null}
          {source.uri ? (
            <Fact label="Address">
              <a href={source.uri} target="_blank" rel="noreferrer">
                {source.uri}
              </a>
            </Fact>
          ) : null}
          <Fact label="Type">{source.mimeType ?? '—'}</Fact>
          <Fact label="Size">{formatBytes(source.byteSize)}</Fact>
          <Fact label="Chunks">
            {source.embeddedCount ?? 0} of {source.chunkCount ?? 0} embedded
          </Fact>
          <Fact label="Added">{formatDateTime(source.createdAt)}</Fact>
          {source.updatedAt ? (
            <Fact label="Updated">{formatDateTime(source.updatedAt)}</Fact>
          ) : null}
        </Facts>
        {busy ? (
          <ProgressBar
            label="Embedding progress"
            value={source.progress ?? 0}
          />
        ) : null}
        {source.status === 'failed' && source.error ? (
          <p className="alert alert-error">{source.error}</p>
        ) : null}
        <Can permission="write">
          <div className="actions">
            {source.kind === 'url' || source.kind === 'youtube' ? (
              <RefreshButton id={source.id} />
            ) : null}
            <DeleteButton
              id={source.id}
              title={source.title ?? 'this source'}
            />
          </div>
        </Can>
        {source.resync ? null : (
          <p>
            <Link to={paths.jobs.getHref(source.id)}>Jobs of this source</Link>
          </p>
        )}
      </section>
      <ResyncPanel source={source} />
      <ChunkList chunks={source.chunks} />
    </>
  );
}

function DeleteButton({ id, title }: { id: string; title: string }) {
  const mutation = useDeleteSource();
  const navigate = useNavigate();
  const { notify } = useToast();

  return (
    <ConfirmButton
      label="Delete"
      buttonClassName="button-danger"
      mutation={mutation}
      title="Delete this source?"
      confirmLabel="Delete source"
      pendingLabel="Deleting…"
      errorTitle="Could not delete the source"
      variables={id}
      onSuccess={() => {
        notify(`Deleted “${title}”.`, 'success');
        void navigate(paths.sources.getHref());
      }}
    >
      <p>
        “{title}” and its chunks will be removed; answers will no longer cite
        it.
      </p>
    </ConfirmButton>
  );
}
