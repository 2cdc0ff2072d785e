import { z } from 'zod';

import { ApiError, errorBodySchema, postForStream } from '@/lib/api-client';
import { readSseEvents } from '@/lib/sse';

export const citationSchema = z.object({
  n: z.number(),
  sourceId: z.string(),
  chunkId: z.string(),
  title: z.string().nullish(),
  uri: z.string().nullish(),
  fileName: z.string().nullish(),
  page: z.number().nullish(),
  startSeconds: z.number().nullish(),
  endSeconds: z.number().nullish(),
  section: z.string().nullish(),
  snippet: z.string().nullish(),
  snippetStart: z.number().nullish(),
  snippetEnd: z.number().nullish(),
  score: z.number().nullish(),
});

export type Citation = z.infer<typeof citationSchema>;

export const retrievalHitSchema = z.object({
  n: z.number(),
  chunkId: z.string(),
  sourceId: z.string(),
  title: z.string().nullish(),
  score: z.number().nullish(),
  bm25Rank: z.number().nullish(),
  bm25Score: z.number().nullish(),
  vectorRank: z.number().nullish(),
  vectorScore: z.number().nullish(),
});

export type RetrievalHit = z.infer<typeof retrievalHitSchema>;

const timingsSchema = z.record(z.string(), z.number());

export const askResponseSchema = z.object({
  question: z.string(),
  answer: z.string(),
  abstained: z.boolean().nullish(),
  answerer: z.string().nullish(),
  citations: z.array(citationSchema),
  rejectedCitations: z.array(z.unknown()).nullish(),
  retrieval: z
    .object({
      mode: z.string().nullish(),
      fusion: z.string().nullish(),
      degraded: z.string().nullish(),
      hits: z.array(retrievalHitSchema),
      timings: timingsSchema.nullish(),
    })
    .nullish(),
  timings: timingsSchema.nullish(),
});

export type AskResponse = z.infer<typeof askResponseSchema>;

const tokenSchema = z.object({ text: z.string() });

type StreamHandlers = {
  onToken: (text: string) => void;
  onCitations: (citations: Citation[]) => void;
  signal?: AbortSignal;
};

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function unexpected(event: string): ApiError {
  return new ApiError({
    status: 200,
    message: `The service sent an unexpected "${event}" event.`,
  });
}

/**
 * POST /v1/ask with Accept: text/event-stream. Calls back per `token` and `citations` event and
 * resolves with the `done` answer; an `error` event (the error shape) rejects with an ApiError.
 */
export async function streamAnswer(
  question: string,
  { onToken, onCitations, signal }: StreamHandlers,
): Promise<AskResponse> {
  const response = await postForStream('/v1/ask', {
    body: { question },
    accept: 'text/event-stream',
    signal,
  });
  if (!response.body) {
    throw new ApiError({ status: 0, message: 'The answer stream is empty.' });
  }
  for await (const { event, data } of readSseEvents(response.body)) {
    const json = parseJson(data);
    if (event === 'token') {
      const token = tokenSchema.safeParse(json);
      if (!token.success) throw unexpected(event);
      onToken(token.data.text);
    } else if (event === 'citations') {
      const citations = z.array(citationSchema).safeParse(json);
      if (!citations.success) throw unexpected(event);
      onCitations(citations.data);
    } else if (event === 'done') {
      const done = askResponseSchema.safeParse(json);
      if (!done.success) throw unexpected(event);
      return done.data;
    } else if (event === 'error') {
      const body = errorBodySchema.safeParse(json);
      throw new ApiError({
        status: body.success ? body.data.code : 500,
        message: body.success ? body.data.message : 'The answer failed.',
        requestId: body.success ? body.data.requestId : undefined,
      });
    }
  }
  throw new ApiError({
    status: 0,
    message: 'The answer stream ended before the answer was complete.',
  });
}
