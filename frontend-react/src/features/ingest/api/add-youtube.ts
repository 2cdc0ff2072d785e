import { api } from '@/lib/api-client';
import { ingestResponseSchema } from '@/lib/schemas';

export const addYoutube = (url: string) =>
  api.post('/v1/sources/youtube', {
    schema: ingestResponseSchema,
    body: { url },
  });
