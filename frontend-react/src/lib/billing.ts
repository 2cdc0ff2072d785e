import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from './api-client';

const entitlementsSchema = z.record(z.string(), z.number());

/** GET /v1/billing: the organization's plan and what Stripe says about paying for it. */
export const billingSchema = z.object({
  enabled: z.boolean(),
  organizationId: z.string().nullable(),
  plan: z.string(),
  status: z.string().nullable(),
  trialEndsAt: z.string().nullable(),
  currentPeriodEnd: z.string().nullable(),
  graceEndsAt: z.string().nullable(),
  ingestAllowed: z.boolean(),
  reason: z.string().nullable(),
  testMode: z.boolean(),
  canManage: z.boolean(),
  hasSubscription: z.boolean(),
  entitlements: entitlementsSchema,
  plans: z.array(
    z.object({ name: z.string(), entitlements: entitlementsSchema }),
  ),
});

export type Billing = z.infer<typeof billingSchema>;

export const billingQueryKey = ['billing'] as const;

export const getBilling = (signal?: AbortSignal) =>
  api.get('/v1/billing', { schema: billingSchema, signal });

/** Shared by the Billing screen, the dashboard card and the banner: one request for all three. */
export const useBilling = () =>
  useQuery(
    queryOptions({
      queryKey: billingQueryKey,
      queryFn: ({ signal }) => getBilling(signal),
    }),
  );

const statusLabels: Record<string, string> = {
  trialing: 'Trial',
  active: 'Active',
  past_due: 'Past due',
  canceled: 'Canceled',
  unpaid: 'Unpaid',
  incomplete: 'Incomplete',
  incomplete_expired: 'Expired',
  paused: 'Paused',
};

export function statusLabel(status: string | null): string {
  return status ? (statusLabels[status] ?? status.replace(/_/g, ' ')) : '—';
}

/** Badge colour: good standing, trial, or needs someone to pay. */
export function statusTone(status: string | null): string {
  if (status === 'active') return 'badge-ok';
  if (status === 'trialing') return 'badge-info';
  if (status === 'canceled' || status === 'paused') return 'badge-degraded';
  return 'badge-error';
}

/** Whole days until `iso`, rounded up, never negative. */
export function daysLeft(iso: string, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 86_400_000));
}

/** Our own trial (no subscription yet) that has not ended. */
export function trialRunning(billing: Billing, now: number = Date.now()) {
  return (
    billing.status === 'trialing' &&
    !billing.hasSubscription &&
    billing.trialEndsAt !== null &&
    Date.parse(billing.trialEndsAt) > now
  );
}

/** A payment lapsed or ingestion is paused: every screen says so. */
export function needsAttention(billing: Billing): boolean {
  if (!billing.enabled) return false;
  if (!billing.ingestAllowed) return true;
  return billing.status !== 'trialing' && billing.status !== 'active';
}

/** Why adding sources stopped, in words, from a 402's `details.reason` or the billing state. */
export function pausedBecause(reason: string | null | undefined): string {
  if (reason === 'trial_ended') {
    return 'the trial has ended and the organization has not subscribed yet';
  }
  return `the subscription is ${statusLabel(reason ?? null).toLowerCase()}`;
}
