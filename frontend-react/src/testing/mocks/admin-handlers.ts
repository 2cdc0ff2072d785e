import { http, HttpResponse } from 'msw';

import {
  activeKey,
  adminUser,
  defaultWorkspaceUsage,
  keyCreatedEvent,
  ownerMember,
  plainUser,
  plans,
  readerMember,
} from './admin-data';

const page = (request: Request, items: unknown[]) => {
  const url = new URL(request.url);
  return HttpResponse.json({
    items,
    limit: Number(url.searchParams.get('limit') ?? '50'),
    offset: Number(url.searchParams.get('offset') ?? '0'),
  });
};

/** The admin endpoints as a healthy service answers them; tests override with server.use. */
export const adminHandlers = [
  http.get('/api/v1/workspaces/current/members', () =>
    HttpResponse.json([ownerMember, readerMember]),
  ),
  http.get('/api/v1/workspaces/current/invitations', () =>
    HttpResponse.json([]),
  ),
  http.get('/api/v1/api-keys', () => HttpResponse.json([activeKey])),
  http.get('/api/v1/admin/users', ({ request }) =>
    page(request, [adminUser, plainUser]),
  ),
  http.get('/api/v1/admin/audit', ({ request }) =>
    page(request, [keyCreatedEvent]),
  ),
  http.get('/api/v1/admin/usage', ({ request }) =>
    page(request, [defaultWorkspaceUsage]),
  ),
  http.get('/api/v1/admin/plans', () => HttpResponse.json(plans)),
];
