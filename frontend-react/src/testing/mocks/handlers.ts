import { http, HttpResponse } from 'msw';

import { healthyResponse, versionResponse } from './data';

/** The service as it answers when all is well; tests override single endpoints with server.use. */
export const handlers = [
  http.get('/api/v1/health', () => HttpResponse.json(healthyResponse)),
  http.get('/api/v1/version', () => HttpResponse.json(versionResponse)),
];
