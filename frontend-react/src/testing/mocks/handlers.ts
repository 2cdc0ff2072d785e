import { http, HttpResponse } from 'msw';

import { adminHandlers } from './admin-handlers';
import {
  billingOffResponse,
  healthyResponse,
  onboardingDone,
  ownerMe,
  providersResponse,
  usageResponse,
  versionResponse,
} from './data';
import { signedIn } from './session';

/** The service as it answers when all is well; tests override single endpoints with server.use. */
export const handlers = [
  http.get('/api/v1/session', () => signedIn(ownerMe)),
  http.get('/api/v1/auth/providers', () =>
    HttpResponse.json(providersResponse),
  ),
  http.get('/api/v1/health', () => HttpResponse.json(healthyResponse)),
  http.get('/api/v1/version', () => HttpResponse.json(versionResponse)),
  http.get('/api/v1/sources', ({ request }) => {
    const url = new URL(request.url);
    return HttpResponse.json({
      items: [],
      total: 0,
      limit: Number(url.searchParams.get('limit') ?? '20'),
      offset: Number(url.searchParams.get('offset') ?? '0'),
    });
  }),
  http.get('/api/v1/usage', () => HttpResponse.json(usageResponse)),
  http.get('/api/v1/onboarding', () => HttpResponse.json(onboardingDone)),
  http.get('/api/v1/billing', () => HttpResponse.json(billingOffResponse)),
  http.get('/api/v1/me/invitations', () => HttpResponse.json([])),
  ...adminHandlers,
];
