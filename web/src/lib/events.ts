// The live event stream: /api/events is Server-Sent Events, read with fetch so the token can go in a header
// (EventSource cannot send one). Reconnects with a growing pause when the stream ends.
import { token } from './api';
import type { WispEvent } from './types';

export interface EventHandlers {
  onEvent(event: WispEvent): void;
  /** True while the stream is open; false while it reconnects. */
  onStream(open: boolean): void;
}

export function startEvents(handlers: EventHandlers): () => void {
  const abort = new AbortController();
  let pause = 500;

  const run = async () => {
    while (!abort.signal.aborted) {
      try {
        const response = await fetch('/api/events', {
          headers: { 'X-Wisp-Token': token(), Accept: 'text/event-stream' },
          cache: 'no-store',
          credentials: 'omit',
          signal: abort.signal,
        });
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        handlers.onStream(true);
        pause = 500;
        await read(response.body, handlers, abort.signal);
      } catch {
        // Ended or refused: tried again below.
      }
      if (abort.signal.aborted) return;
      handlers.onStream(false);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 10_000);
    }
  };
  void run();
  return () => abort.abort();
}

async function read(body: ReadableStream<Uint8Array>, handlers: EventHandlers, signal: AbortSignal) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parse(block);
      if (event) handlers.onEvent(event);
    }
  }
}

/** One SSE block: `event:` and `data:` lines; comment lines (": ping") are skipped. */
export function parse(block: string): WispEvent | null {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return null;
  try {
    return { type, data: JSON.parse(data.join('\n')) } as WispEvent;
  } catch {
    return null;
  }
}
