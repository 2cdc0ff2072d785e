import type { Health } from '@/features/status/api/get-health';
import type { Version } from '@/features/status/api/get-version';

export const healthyResponse: Health = {
  status: 'ok',
  checks: {
    database: { healthy: true, message: null },
    index: { healthy: true, message: null },
  },
};

export const versionResponse: Version = {
  name: 'mini-rag',
  version: '0.1.0-SNAPSHOT',
  commit: '3f2c9a1b7d4e5f60718293a4b5c6d7e8f9a0b1c2',
  startedAt: '2026-11-26T09:30:00Z',
};
