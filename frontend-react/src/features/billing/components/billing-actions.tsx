import { useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { describeError } from '@/lib/api-client';
import type { Billing } from '@/lib/billing';
import { loadPage } from '@/lib/browser';
import { formatLimitAmount, limitLabel } from '@/lib/limits';

import { useOpenPortal } from '../api/open-portal';
import { useStartCheckout } from '../api/start-checkout';

/** Subscribe (choose a plan, then Stripe Checkout) or manage an existing subscription (the portal). */
export function BillingActions({ billing }: { billing: Billing }) {
  const [plan, setPlan] = useState(billing.plans[0]?.name ?? '');
  const legendId = useId();
  const checkout = useStartCheckout();
  const portal = useOpenPortal();
  const subscribed =
    billing.hasSubscription &&
    billing.status !== 'canceled' &&
    billing.status !== 'incomplete_expired';

  return (
    <>
      {subscribed ? null : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            checkout.mutate(
              { plan },
              {
                onSuccess: (session) => {
                  loadPage(session.url);
                },
              },
            );
          }}
        >
          <fieldset aria-labelledby={legendId}>
            <legend id={legendId}>Choose a plan</legend>
            {billing.plans.map((offer) => (
              <div className="field" key={offer.name}>
                <label>
                  <input
                    type="radio"
                    name="plan"
                    value={offer.name}
                    checked={plan === offer.name}
                    onChange={() => {
                      setPlan(offer.name);
                    }}
                  />{' '}
                  {offer.name}
                </label>
                <p className="hint">
                  {Object.entries(offer.entitlements)
                    .map(
                      ([limit, max]) =>
                        `${limitLabel(limit)}: ${max === 0 ? 'unlimited' : formatLimitAmount(limit, max)}`,
                    )
                    .join(' · ')}
                </p>
              </div>
            ))}
          </fieldset>
          <div className="actions">
            <Button type="submit" disabled={!plan || checkout.isPending}>
              {checkout.isPending ? 'Opening checkout…' : 'Subscribe'}
            </Button>
          </div>
        </form>
      )}
      {billing.hasSubscription ? (
        <div className="actions">
          <Button
            className={subscribed ? undefined : 'button-secondary'}
            disabled={portal.isPending}
            onClick={() => {
              portal.mutate(undefined, {
                onSuccess: (session) => {
                  loadPage(session.url);
                },
              });
            }}
          >
            {portal.isPending ? 'Opening portal…' : 'Manage billing'}
          </Button>
        </div>
      ) : null}
      {checkout.isError ? (
        <ErrorAlert
          title="Could not open checkout"
          {...describeError(checkout.error)}
        />
      ) : null}
      {portal.isError ? (
        <ErrorAlert
          title="Could not open the billing portal"
          {...describeError(portal.error)}
        />
      ) : null}
    </>
  );
}
