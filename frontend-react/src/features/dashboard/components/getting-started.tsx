import { Link } from 'react-router';

import { Card } from '@/components/ui/card';
import { ErrorAlert } from '@/components/ui/error-alert';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api-client';
import { useCan } from '@/lib/authorization';

import { useOnboarding, type Onboarding } from '../api/get-onboarding';

import './getting-started.css';

type Step = {
  label: string;
  to: string;
  done: (onboarding: Onboarding) => boolean;
};

const steps: Step[] = [
  {
    label: 'Add a source',
    to: paths.ingest.getHref(),
    done: (o) => o.sourceAdded,
  },
  {
    label: 'Ask a question',
    to: paths.ask.getHref(),
    done: (o) => o.questionAsked,
  },
  {
    label: 'Create an API key',
    to: paths.adminApiKeys.getHref(),
    done: (o) => o.apiKeyCreated,
  },
];

/**
 * The getting-started checklist for a new workspace, for its admins (who may take every step).
 * Each step ticks when the service has seen it done; the card goes away once all are.
 */
export function GettingStarted() {
  const canAdmin = useCan('admin');
  const query = useOnboarding({ enabled: canAdmin });
  if (!canAdmin || query.isPending) {
    return null;
  }
  if (query.isError) {
    return (
      <ErrorAlert
        title="Could not load the getting-started steps"
        {...describeError(query.error)}
      />
    );
  }
  const onboarding = query.data;
  const doneCount = steps.filter((step) => step.done(onboarding)).length;
  if (doneCount === steps.length) {
    return null;
  }
  return (
    <Card title="Get started">
      <p className="muted">
        {doneCount} of {steps.length} done. This list goes away once every step
        is.
      </p>
      <ol className="checklist">
        {steps.map((step) => {
          const done = step.done(onboarding);
          return (
            <li
              key={step.label}
              className={done ? 'checklist-done' : undefined}
            >
              <span className="checklist-mark" aria-hidden="true">
                {done ? '✓' : ''}
              </span>
              <Link to={step.to}>{step.label}</Link>
              <span className="visually-hidden">
                {done ? ' (done)' : ' (to do)'}
              </span>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
