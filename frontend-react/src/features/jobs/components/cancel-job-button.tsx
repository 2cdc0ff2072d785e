import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { describeError } from '@/lib/api-client';

import { useCancelJob } from '../api/cancel-job';
import type { Job } from '../api/get-jobs';

/** Cancels a queued job at once, a running one at its next step. */
export function CancelJobButton({ job }: { job: Job }) {
  const mutation = useCancelJob();
  if (job.cancelRequested && job.status === 'running') {
    return <span className="muted">Stopping…</span>;
  }
  return (
    <>
      <Button
        disabled={mutation.isPending}
        aria-label={`Cancel ${job.kind} job ${job.id}`}
        onClick={() => {
          mutation.mutate(job.id);
        }}
      >
        {mutation.isPending ? 'Canceling…' : 'Cancel'}
      </Button>
      {mutation.isError ? (
        <ErrorAlert
          title="Could not cancel the job"
          {...describeError(mutation.error)}
        />
      ) : null}
    </>
  );
}
