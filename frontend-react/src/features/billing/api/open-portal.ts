import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';

const sessionSchema = z.object({ id: z.string(), url: z.url() });

/** POST /v1/billing/portal: Stripe's Customer Portal (card, invoices, plan, cancel). */
export const openPortal = () =>
  api.post('/v1/billing/portal', { schema: sessionSchema });

export const useOpenPortal = () => useMutation({ mutationFn: openPortal });
