/** One Server-Sent Event: its `event` name (default `message`) and its joined `data` lines. */
export type SseEvent = { event: string; data: string };

/**
 * An incremental parser for the text/event-stream format: feed it text as it arrives;
 * it calls `onEvent` for each complete event (a blank line ends an event).
 */
export function createSseParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  let eventName = '';
  let dataLines: string[] = [];

  const dispatch = () => {
    if (dataLines.length > 0) {
      onEvent({ event: eventName || 'message', data: dataLines.join('\n') });
    }
    eventName = '';
    dataLines = [];
  };

  const processLine = (line: string) => {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.startsWith(':')) {
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      eventName = value;
    } else if (field === 'data') {
      dataLines.push(value);
    }
  };

  return {
    push(text: string) {
      buffer += text;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match) {
          return;
        }
        // A lone \r at the very end may be the first half of \r\n: wait for more.
        if (match[0] === '\r' && match.index === buffer.length - 1) {
          return;
        }
        processLine(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
    /** The stream ended: a trailing line is processed, an unterminated event is dropped. */
    end() {
      if (buffer !== '') {
        processLine(buffer.replace(/\r$/, ''));
        buffer = '';
      }
      eventName = '';
      dataLines = [];
    },
  };
}

/** Reads a fetch body as Server-Sent Events, yielding each event as it completes. */
export async function* readSseEvents(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<SseEvent> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const pending: SseEvent[] = [];
  const parser = createSseParser((event) => pending.push(event));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        parser.push(decoder.decode());
        parser.end();
      } else {
        parser.push(decoder.decode(value, { stream: true }));
      }
      while (pending.length > 0) {
        yield pending.shift() as SseEvent;
      }
      if (done) {
        return;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
