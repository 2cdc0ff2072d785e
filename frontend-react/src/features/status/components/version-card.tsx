import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorAlert } from '@/components/ui/error-alert';
import { Fact, Facts } from '@/components/ui/facts';
import { Loading } from '@/components/ui/loading';
import { describeError } from '@/lib/api-client';

import { useVersion, type Version } from '../api/get-version';

export function VersionCard() {
  const version = useVersion();

  return (
    <Card title="Version">
      {version.isPending ? <Loading label="Loading version…" /> : null}
      {version.isError ? (
        <ErrorAlert
          title="Could not load the service version"
          {...describeError(version.error)}
          action={
            <Button
              onClick={() => void version.refetch()}
              disabled={version.isFetching}
            >
              Try again
            </Button>
          }
        />
      ) : null}
      {version.data ? <VersionDetails version={version.data} /> : null}
    </Card>
  );
}

function VersionDetails({ version }: { version: Version }) {
  return (
    <Facts>
      <Fact label="Service">{version.name}</Fact>
      <Fact label="Version" testId="version">
        {version.version}
      </Fact>
      <Fact label="Commit">
        {version.commit ? (
          <code title={version.commit}>{version.commit.slice(0, 12)}</code>
        ) : (
          <span className="muted">not recorded</span>
        )}
      </Fact>
      <Fact label="Started">
        <time dateTime={version.startedAt}>
          {formatTimestamp(version.startedAt)}
        </time>
      </Fact>
    </Facts>
  );
}

function formatTimestamp(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return value;
  }
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(date);
}
