import type { Me } from '@/lib/auth';
import type { Billing } from '@/lib/billing';
import type { Usage } from '@/lib/limits';
import type { Health } from '@/features/status/api/get-health';
import type { Version } from '@/features/status/api/get-version';

export const healthyResponse: Health = {
  status: 'ok',
  checks: {
    database: { healthy: true, message: null },
    index: { healthy: true, message: null },
  },
  indexLag: 0,
  queuedJobs: 0,
};

export const versionResponse: Version = {
  name: 'mini-rag',
  version: '0.1.0-SNAPSHOT',
  commit: '3f2c9a1b7d4e5f60718293a4b5c6d7e8f9a0b1c2',
  startedAt: '2026-11-26T09:30:00Z',
};

export const textSource = {
  id: 'src-1',
  kind: 'text',
  title: 'Lighthouse log',
  mimeType: 'text/plain',
  status: 'ready',
  chunkCount: 1,
  embeddedCount: 1,
  progress: 1,
  byteSize: 128,
  createdAt: '2026-11-26T23:50:04.159902Z',
  updatedAt: '2026-11-26T23:50:04.521161Z',
};

export const chunkText =
  'The keeper polished the Fresnel lens every morning at dawn. Ships passed the rocks safely at night.';

export const textSourceDetail = {
  ...textSource,
  chunks: [
    {
      id: 'chunk-1',
      ordinal: 0,
      text: chunkText,
      embedded: true,
      metadata: { charStart: 0, charEnd: chunkText.length },
    },
  ],
};

export function errorBody(code: number, message: string) {
  return { code, message, requestId: `req-${code}` };
}

export const defaultWorkspace = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Default workspace',
  organizationId: 'org-1',
  role: 'owner',
  isDefault: true,
};

export const otherWorkspace = {
  id: '22222222-2222-4222-8222-222222222222',
  name: 'Research',
  organizationId: 'org-1',
  role: 'reader',
  isDefault: false,
};

/** `/me` for the owner of the default workspace who is also system admin. */
export const ownerMe: Me = {
  userId: 'user-1',
  email: 'ada@example.com',
  displayName: 'Ada Lovelace',
  systemAdmin: true,
  workspaceId: defaultWorkspace.id,
  role: 'owner',
  permissions: ['read', 'write', 'admin', 'owner', 'system_admin'],
  workspaces: [defaultWorkspace, otherWorkspace],
};

/** `/me` for a reader of the default workspace. */
export const readerMe: Me = {
  userId: 'user-2',
  email: 'rita@example.com',
  displayName: null,
  systemAdmin: false,
  workspaceId: defaultWorkspace.id,
  role: 'reader',
  permissions: ['read'],
  workspaces: [{ ...defaultWorkspace, role: 'reader' }],
};

/** `/onboarding` of a workspace that took every step (the checklist does not show). */
export const onboardingDone = {
  workspaceId: defaultWorkspace.id,
  sourceAdded: true,
  questionAsked: true,
  apiKeyCreated: true,
};

export const providersResponse = { providers: [], devLogin: true };

/** GET /api/v1/usage of a workspace on the free plan with one override (asks per day unlimited). */
export const usageResponse: Usage = {
  workspaceId: defaultWorkspace.id,
  plan: 'free',
  enforced: true,
  limits: [
    {
      limit: 'storedChunks',
      period: 'stored',
      used: 120,
      max: 20000,
      remaining: 19880,
      unlimited: false,
      overridden: false,
      resetsAt: null,
    },
    {
      limit: 'storedSources',
      period: 'stored',
      used: 7,
      max: 500,
      remaining: 493,
      unlimited: false,
      overridden: false,
      resetsAt: null,
    },
    {
      limit: 'uploadBytesPerDay',
      period: 'day',
      used: 52428800,
      max: 104857600,
      remaining: 52428800,
      unlimited: false,
      overridden: false,
      resetsAt: '2026-12-06T00:00:00Z',
    },
    {
      limit: 'asksPerDay',
      period: 'day',
      used: 3,
      max: 0,
      remaining: null,
      unlimited: true,
      overridden: true,
      resetsAt: '2026-12-06T00:00:00Z',
    },
    {
      limit: 'searchesPerDay',
      period: 'day',
      used: 2000,
      max: 2000,
      remaining: 0,
      unlimited: false,
      overridden: false,
      resetsAt: '2026-12-06T00:00:00Z',
    },
    {
      limit: 'requestsPerMinute',
      period: 'minute',
      used: 4,
      max: 120,
      remaining: 116,
      unlimited: false,
      overridden: false,
      resetsAt: '2026-12-05T12:01:00Z',
    },
  ],
};

/** `/v1/billing` of a server without a Stripe key. */
export const billingOffResponse: Billing = {
  enabled: false,
  organizationId: 'org-1',
  plan: 'free',
  status: null,
  trialEndsAt: null,
  currentPeriodEnd: null,
  graceEndsAt: null,
  ingestAllowed: true,
  reason: null,
  testMode: false,
  canManage: false,
  hasSubscription: false,
  entitlements: { storedSources: 500 },
  plans: [],
};

/** `/v1/billing` of an organization on its trial, as its owner sees it. */
export const billingTrialResponse: Billing = {
  ...billingOffResponse,
  enabled: true,
  plan: 'team',
  status: 'trialing',
  trialEndsAt: new Date(Date.now() + 10 * 86_400_000 - 60_000).toISOString(),
  testMode: true,
  canManage: true,
  entitlements: { storedSources: 50000, asksPerDay: 10000 },
  plans: [
    { name: 'team', entitlements: { storedSources: 50000, asksPerDay: 10000 } },
  ],
};
