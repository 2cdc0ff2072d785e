import { ProgressBar } from '@/components/ui/progress-bar';

import type { Job } from '../api/get-jobs';

/** Done of total while the job works; its counts once it has ended. */
export function JobProgress({ job }: { job: Job }) {
  const { done, total } = job.progress;
  if (job.status === 'running' && total > 0) {
    return (
      <>
        <ProgressBar label={`Progress of job ${job.id}`} value={done / total} />
        <span className="muted">
          {done} of {total}
        </span>
      </>
    );
  }
  return (
    <span className="muted">{total > 0 ? `${done} of ${total}` : '—'}</span>
  );
}
