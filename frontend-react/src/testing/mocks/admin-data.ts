import type { AuditEvent } from '@/features/admin/api/get-audit-events';
import type { ApiKey } from '@/features/admin/api/get-api-keys';
import type { Me } from '@/lib/auth';
import type { Member } from '@/features/admin/api/get-members';
import type { Plan } from '@/features/admin/api/get-plans';
import type { WorkspaceUsage } from '@/features/admin/api/get-workspace-usage';
import type { User } from '@/features/admin/api/get-users';

export const ownerId = '11111111-1111-4111-8111-111111111111';
export const readerId = '22222222-2222-4222-8222-222222222222';
export const workspaceId = '33333333-3333-4333-8333-333333333333';

const everything = ['read', 'write', 'admin', 'owner', 'system_admin'];

/** GET /api/v1/me of the development system admin, owner of the default workspace. */
export const systemAdminMe: Me = {
  userId: ownerId,
  email: 'admin@localhost',
  displayName: 'Admin',
  systemAdmin: true,
  workspaceId,
  role: 'owner',
  permissions: everything,
  workspaces: [
    {
      id: workspaceId,
      name: 'Default workspace',
      role: 'owner',
      isDefault: true,
    },
  ],
};

export const workspaceAdminMe: Me = {
  ...systemAdminMe,
  systemAdmin: false,
  role: 'admin',
  permissions: ['read', 'write', 'admin'],
};

export const readerMe: Me = {
  ...systemAdminMe,
  userId: readerId,
  email: 'reader@example.com',
  systemAdmin: false,
  role: 'reader',
  permissions: ['read'],
};

export const ownerMember: Member = {
  userId: ownerId,
  email: 'admin@localhost',
  displayName: 'Admin',
  role: 'owner',
  joinedAt: '2026-11-20T10:00:00Z',
};

export const readerMember: Member = {
  userId: readerId,
  email: 'reader@example.com',
  displayName: null,
  role: 'reader',
  joinedAt: '2026-11-21T10:00:00Z',
};

export const activeKey: ApiKey = {
  id: '44444444-4444-4444-8444-444444444444',
  name: 'CI pipeline',
  prefix: 'abcdefghijkl',
  scopes: ['read', 'write'],
  createdAt: '2026-11-22T10:00:00Z',
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: '2026-11-25T08:00:00Z',
};

export const revokedKey: ApiKey = {
  ...activeKey,
  id: '55555555-5555-4555-8555-555555555555',
  name: 'Old laptop',
  prefix: 'zyxwvutsrqpo',
  scopes: ['read'],
  revokedAt: '2026-11-23T10:00:00Z',
  lastUsedAt: null,
};

export const plaintextKey = `mrk_mnopqrstuvwx_${'a1'.repeat(32)}`;

export const adminUser: User = {
  id: ownerId,
  email: 'admin@localhost',
  displayName: 'Admin',
  systemAdmin: true,
  createdAt: '2026-11-20T10:00:00Z',
  lastLoginAt: '2026-11-26T10:00:00Z',
};

export const plainUser: User = {
  id: readerId,
  email: 'reader@example.com',
  displayName: null,
  systemAdmin: false,
  createdAt: '2026-11-21T10:00:00Z',
  lastLoginAt: null,
};

export const keyCreatedEvent: AuditEvent = {
  id: '66666666-6666-4666-8666-666666666666',
  occurredAt: '2026-11-26T11:00:00Z',
  actorUserId: ownerId,
  actorKeyId: null,
  workspaceId,
  action: 'api_key.create',
  target: activeKey.id,
  ip: '127.0.0.1',
  userAgent: 'Mozilla/5.0',
  requestId: 'req-audit-1',
  details: { prefix: activeKey.prefix, scopes: ['read', 'write'] },
};

export const organizationId = '77777777-7777-4777-8777-777777777777';

export const plans: Plan[] = [
  {
    name: 'default',
    limits: {
      storedChunks: 0,
      storedSources: 0,
      uploadBytesPerDay: 0,
      asksPerDay: 0,
      searchesPerDay: 0,
      requestsPerMinute: 600,
    },
  },
  {
    name: 'free',
    limits: {
      storedChunks: 20000,
      storedSources: 500,
      uploadBytesPerDay: 104857600,
      asksPerDay: 200,
      searchesPerDay: 2000,
      requestsPerMinute: 120,
    },
  },
  {
    name: 'team',
    limits: {
      storedChunks: 1000000,
      storedSources: 50000,
      uploadBytesPerDay: 5368709120,
      asksPerDay: 10000,
      searchesPerDay: 100000,
      requestsPerMinute: 1200,
    },
  },
];

const resetsAt = '2026-12-06T00:00:00Z';

/** A row of GET /api/v1/admin/usage: the free plan, stored sources overridden to 10. */
export const defaultWorkspaceUsage: WorkspaceUsage = {
  workspaceName: 'Default workspace',
  organizationId,
  usage: {
    workspaceId,
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
        max: 10,
        remaining: 3,
        unlimited: false,
        overridden: true,
        resetsAt: null,
      },
      {
        limit: 'uploadBytesPerDay',
        period: 'day',
        used: 1048576,
        max: 104857600,
        remaining: 103809024,
        unlimited: false,
        overridden: false,
        resetsAt,
      },
      {
        limit: 'asksPerDay',
        period: 'day',
        used: 3,
        max: 200,
        remaining: 197,
        unlimited: false,
        overridden: false,
        resetsAt,
      },
      {
        limit: 'searchesPerDay',
        period: 'day',
        used: 12,
        max: 2000,
        remaining: 1988,
        unlimited: false,
        overridden: false,
        resetsAt,
      },
      {
        limit: 'requestsPerMinute',
        period: 'minute',
        used: 0,
        max: 120,
        remaining: 120,
        unlimited: false,
        overridden: false,
        resetsAt: null,
      },
    ],
  },
};
