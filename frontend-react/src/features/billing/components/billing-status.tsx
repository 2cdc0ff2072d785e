import { Fact, Facts } from '@/components/ui/facts';
import { formatDateTime } from '@/lib/format';
import {
  daysLeft,
  statusLabel,
  statusTone,
  trialRunning,
  type Billing,
} from '@/lib/billing';

/** Plan, status badge, trial countdown, period and grace ends, test mode. */
export function BillingStatus({ billing }: { billing: Billing }) {
  const running = trialRunning(billing);
  return (
    <Facts>
      <Fact label="Plan" testId="billing-plan">
        {billing.plan}
      </Fact>
      <Fact label="Status" testId="billing-status">
        <span className={`badge ${statusTone(billing.status)}`}>
          {statusLabel(billing.status)}
        </span>{' '}
        {billing.testMode ? (
          <span className="badge badge-degraded">Test mode</span>
        ) : null}
      </Fact>
      {billing.trialEndsAt && !billing.hasSubscription ? (
        <Fact label="Trial" testId="billing-trial">
          {running
            ? `${daysLeft(billing.trialEndsAt)} days left (ends ${formatDateTime(billing.trialEndsAt)})`
            : `Ended ${formatDateTime(billing.trialEndsAt)}`}
        </Fact>
      ) : null}
      {billing.currentPeriodEnd ? (
        <Fact label="Current period ends">
          {formatDateTime(billing.currentPeriodEnd)}
        </Fact>
      ) : null}
      {billing.graceEndsAt ? (
        <Fact label="Adding sources stops">
          {formatDateTime(billing.graceEndsAt)}
        </Fact>
      ) : null}
    </Facts>
  );
}
