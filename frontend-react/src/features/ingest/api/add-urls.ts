import { api } from '@/lib/api-client';
import { ingestResponseSchema } from '@/lib/schemas';

export const addUrls = (urls: string[]) =>
  api.post('/v1/sources/urls', {
    schema: ingestResponseSchema,
    body: { urls },
  });
