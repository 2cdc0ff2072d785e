import { Card } from '@/components/ui/card';

import { UsageCard } from './usage-card';

/** Billing arrives with later work (say so instead of showing numbers); usage is live. */
export function PlanCards() {
  return (
    <>
      <Card title="Billing">
        <p>Not configured</p>
        <p className="muted">This instance has no billing set up.</p>
      </Card>
      <UsageCard />
    </>
  );
}
