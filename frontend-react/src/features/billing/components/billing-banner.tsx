import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/format';
import {
  needsAttention,
  pausedBecause,
  statusLabel,
  useBilling,
} from '@/lib/billing';

/** Across every screen while a payment lapsed or adding sources is paused. */
export function BillingBanner() {
  const { data } = useBilling();
  if (!data || !needsAttention(data)) {
    return null;
  }
  return (
    <div
      className="alert alert-error"
      role="status"
      data-testid="billing-banner"
    >
      <p className="alert-title">
        {data.ingestAllowed
          ? `Payment ${statusLabel(data.status).toLowerCase()}`
          : 'Adding sources is paused'}
      </p>
      <p>
        {data.ingestAllowed
          ? `Adding sources stops${data.graceEndsAt ? ` on ${formatDateTime(data.graceEndsAt)}` : ''} unless the subscription is paid.`
          : `Adding sources is paused because ${pausedBecause(data.reason ?? data.status)}.`}{' '}
        Search and questions keep working.{' '}
        <Link to={paths.billing.getHref()}>Open Billing</Link>
      </p>
    </div>
  );
}
