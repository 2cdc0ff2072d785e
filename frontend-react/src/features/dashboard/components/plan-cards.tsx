import { Card } from '@/components/ui/card';

/** Billing and quotas arrive with later work; until then say so instead of showing numbers. */
export function PlanCards() {
  return (
    <>
      <Card title="Billing">
        <p>Not configured</p>
        <p className="muted">This instance has no billing set up.</p>
      </Card>
      <Card title="Quota">
        <p>Not configured</p>
        <p className="muted">
          No usage limits are reported for this workspace.
        </p>
      </Card>
    </>
  );
}
