import { PageHeader } from '@/components/ui/page-header';
import { BillingPage } from '@/features/billing/components/billing-page';

export function BillingRoute() {
  return (
    <>
      <PageHeader
        title="Billing"
        lead="Your organization’s plan and subscription. Payment is handled by Stripe."
      />
      <BillingPage />
    </>
  );
}
