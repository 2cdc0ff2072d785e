import { Link } from 'react-router';

import { Card } from '@/components/ui/card';
import { Loading } from '@/components/ui/loading';
import { paths } from '@/config/paths';
import {
  daysLeft,
  statusLabel,
  statusTone,
  trialRunning,
  useBilling,
} from '@/lib/billing';

import { UsageCard } from './usage-card';

/** Billing as the service reports it (or that it is off), and live usage. */
export function PlanCards() {
  return (
    <>
      <BillingCard />
      <UsageCard />
    </>
  );
}

function BillingCard() {
  const { data, isError } = useBilling();
  return (
    <Card title="Billing">
      {!data && !isError ? <Loading label="Loading billing…" /> : null}
      {isError ? <p className="muted">Billing state is unavailable.</p> : null}
      {data && !data.enabled ? (
        <>
          <p>Not configured</p>
          <p className="muted">
            This instance has no billing set up; quotas come from the{' '}
            {data.plan} plan.
          </p>
        </>
      ) : null}
      {data?.enabled ? (
        <>
          <p>
            <span className={`badge ${statusTone(data.status)}`}>
              {statusLabel(data.status)}
            </span>{' '}
            on the {data.plan} plan
            {data.testMode ? ' (test mode)' : ''}
          </p>
          {trialRunning(data) && data.trialEndsAt ? (
            <p>{daysLeft(data.trialEndsAt)} days of trial left.</p>
          ) : null}
          {!data.ingestAllowed ? (
            <p>Adding sources is paused until the subscription is paid.</p>
          ) : null}
          <p>
            <Link to={paths.billing.getHref()}>Open Billing</Link>
          </p>
        </>
      ) : null}
    </Card>
  );
}
