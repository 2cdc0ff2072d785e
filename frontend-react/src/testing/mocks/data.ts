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
