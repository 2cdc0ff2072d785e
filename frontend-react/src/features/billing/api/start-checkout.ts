import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

const sessionSchema = z.object({ id: z.string(), url: z.url() });

/**
 * POST /v1/billing/checkout: a Stripe Checkout page for the plan. One idempotency key per attempt,
 * so a retried request gets the same session rather than a second one.
 */
export const startCheckout = ({
  plan,
  attempt,
}: {
  plan: string;
  attempt: string;
}) =>
  api.post('/v1/billing/checkout', {
    schema: sessionSchema,
    body: { plan },
    headers: { 'Idempotency-Key': attempt },
  });

export const useStartCheckout = () =>
  useMutation({ mutationFn: startCheckout });
