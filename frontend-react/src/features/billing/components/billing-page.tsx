import { useSearchParams } from 'react-router';

import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { useBilling } from '@/lib/billing';

import { BillingActions } from './billing-actions';
import { BillingStatus } from './billing-status';

/** The organization's billing: state for every member, checkout and portal for its owners and admins. */
export function BillingPage() {
  const billing = useBilling();
  const [params] = useSearchParams();
  const returned = params.get('checkout');

  if (!billing.data) {
    return (
      <QueryState
        query={billing}
        loadingLabel="Loading billing…"
        errorTitle="Could not load billing"
      />
    );
  }
  const b = billing.data;
  if (!b.enabled) {
    return (
      <Card title="Billing is not enabled">
        <p>
          This server has no Stripe key, so nothing is charged and adding
          sources is never paused for payment.
        </p>
        <p className="muted">Quotas come from the {b.plan} plan.</p>
      </Card>
    );
  }
  return (
    <>
      {returned === 'success' ? (
        <div className="alert alert-info" role="status">
          <p>
            Thank you. The subscription shows here as soon as Stripe confirms
            it, usually within a minute.
          </p>
        </div>
      ) : null}
      {returned === 'canceled' ? (
        <p className="notice">Checkout was canceled; nothing was charged.</p>
      ) : null}
      <Card title="Subscription">
        <BillingStatus billing={b} />
      </Card>
      <Card title={b.hasSubscription ? 'Manage' : 'Subscribe'}>
        {b.canManage ? (
          <BillingActions billing={b} />
        ) : (
          <p>
            Billing is managed by the owners and admins of the organization’s
            first workspace. Ask one of them to subscribe or update payment.
          </p>
        )}
      </Card>
    </>
  );
}
