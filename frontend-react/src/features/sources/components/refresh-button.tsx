import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { describeError } from '@/lib/api-client';

import { useRefreshSource } from '../api/refresh-source';

/** Re-fetches a URL source and says whether its content changed. */
export function RefreshButton({ id }: { id: string }) {
  const mutation = useRefreshSource();
  return (
    <>
      <Button
        disabled={mutation.isPending}
        onClick={() => {
          mutation.mutate(id);
        }}
      >
        {mutation.isPending ? 'Refreshing…' : 'Refresh'}
      </Button>
      <div aria-live="polite" className="inline-result">
        {mutation.isSuccess ? (
          <p>
            {mutation.data.outcome === 'updated'
              ? 'Refreshed: the content changed; only the changed passages were re-embedded.'
              : mutation.data.outcome === 'queued'
                ? 'The content changed; a job re-indexes it (see Jobs).'
                : 'Refreshed: the content is unchanged.'}
          </p>
        ) : null}
      </div>
      {mutation.isError ? (
        <ErrorAlert
          title="Could not refresh the source"
          {...describeError(mutation.error)}
        />
      ) : null}
    </>
  );
}
