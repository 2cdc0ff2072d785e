import { describe, expect, it } from 'vitest';

import { createSseParser, readSseEvents, type SseEvent } from './sse';

function parseAll(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) {
    parser.push(chunk);
  }
  parser.end();
  return events;
}

describe('createSseParser', () => {
  it('parses named events with JSON data', () => {
    expect(
      parseAll([
        'event: token\ndata: {"text":"Hi"}\n\nevent: done\ndata: {}\n\n',
      ]),
    ).toEqual([
      { event: 'token', data: '{"text":"Hi"}' },
      { event: 'done', data: '{}' },
    ]);
  });

  it('joins events split at any byte boundary and CRLF line ends', () => {
    const text =
      'event: token\r\ndata: {"text":"a"}\r\n\r\nevent: citations\r\ndata: []\r\n\r\n';
    const chunks = text.split('');
    expect(parseAll(chunks)).toEqual([
      { event: 'token', data: '{"text":"a"}' },
      { event: 'citations', data: '[]' },
    ]);
  });

  it('joins multi-line data, ignores comments and defaults the name', () => {
    expect(parseAll([': keep-alive\n', 'data: one\ndata: two\n\n'])).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ]);
  });

  it('drops an event the stream cut off before its blank line', () => {
    expect(parseAll(['event: token\ndata: {"text":"x"}'])).toEqual([]);
  });
});

describe('readSseEvents', () => {
  it('yields events from a byte stream as they complete', async () => {
    const encoder = new TextEncoder();
    const parts = [
      'event: tok',
      'en\ndata: {"text":"é"}\n',
      '\nevent: done\ndata: 1\n\n',
    ];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) {
          controller.enqueue(encoder.encode(part));
        }
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    for await (const event of readSseEvents(stream)) {
      events.push(event);
    }
    expect(events).toEqual([
      { event: 'token', data: '{"text":"é"}' },
      { event: 'done', data: '1' },
    ]);
  });
});
