import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

const sessionSchema = z.object({ id: z.string(), url: z.url() });

/**
 * POST /v1/billing/checkout: a Stripe Checkout page for the plan. No Idempotency-Key: the server
 * derives one from the organization, plan and subscription state, so a second click, tab or admin
 * gets the same session. A key per click would make a new session each time.
 */
export const startCheckout = ({ plan }: { plan: string }) =>
  api.post('/v1/billing/checkout', {
    schema: sessionSchema,
    body: { plan },
  });

export const useStartCheckout = () =>
  useMutation({ mutationFn: startCheckout });
