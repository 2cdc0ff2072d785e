import { api } from '@/lib/api-client';
import { ingestResponseSchema } from '@/lib/schemas';

export const addText = (input: { title: string; text: string }) =>
  api.post('/v1/sources/text', { schema: ingestResponseSchema, body: input });
