import {
  keepPreviousData,
  queryOptions,
  useQuery,
} from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import { toQueryString } from '@/lib/schemas';

/** The actions the service writes (dev.minirag.audit.AuditActions). */
export const auditActions = [
  'auth.sign_in',
  'auth.sign_out',
  'auth.failed',
  'api_key.create',
  'api_key.revoke',
  'member.add',
  'member.role_change',
  'member.remove',
  'invitation.create',
  'invitation.accept',
  'invitation.decline',
  'invitation.revoke',
  'workspace.create',
  'workspace.rename',
  'workspace.delete',
  'user.system_admin_change',
  'user.create',
  'user.identity_link',
  'source.ingest',
  'source.delete',
] as const;

export const auditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorUserId: z.string().nullish(),
  actorKeyId: z.string().nullish(),
  workspaceId: z.string().nullish(),
  action: z.string(),
  target: z.string().nullish(),
  ip: z.string().nullish(),
  userAgent: z.string().nullish(),
  requestId: z.string().nullish(),
  details: z.unknown().optional(),
});

export type AuditEvent = z.infer<typeof auditEventSchema>;

const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  limit: z.number(),
  offset: z.number(),
});

/** Query parameters of GET /api/v1/admin/audit; from/to are ISO-8601 instants, to exclusive. */
export type AuditFilters = {
  action?: string;
  actor?: string;
  key?: string;
  workspace?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
};

export const getAuditEvents = (filters: AuditFilters, signal?: AbortSignal) =>
  api.get(`/v1/admin/audit${toQueryString(filters)}`, {
    schema: auditPageSchema,
    signal,
  });

export const useAuditEvents = (filters: AuditFilters) =>
  useQuery(
    queryOptions({
      queryKey: ['admin', 'audit', filters],
      queryFn: ({ signal }) => getAuditEvents(filters, signal),
      placeholderData: keepPreviousData,
    }),
  );
