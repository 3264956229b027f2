// The server's "your store changed" stream (GET /v1/events, Server-Sent Events), read with fetch
// because EventSource cannot send the Authorization header. Every `change` (and the `ready` that
// opens each connection, which covers what happened while it was down) calls onChange; a dropped
// stream is opened again after a growing pause, while the sync client polls in the meantime.
import type { FetchLike } from './syncHttp';

export interface EventStreamOptions {
  fetch: FetchLike;
  /** Where and as whom; read again before each connection (the desk may re-enroll). */
  target: () => Promise<{ url: string; token: string } | null>;
  onChange: () => void;
  /** Told when the stream opens (true) and when it drops (false). */
  onLive?: (live: boolean) => void;
  retryMs?: { first: number; max: number };
}

/** Splits a text/event-stream into events; returns the event names found and the unfinished tail. */
export function parseEventChunk(buffer: string): { events: string[]; rest: string } {
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l && !l.startsWith(':'));
    if (!lines.length) continue;
    const name =
      lines
        .find((l) => l.startsWith('event:'))
        ?.slice(6)
        .trim() ?? 'message';
    events.push(name);
  }
  return { events, rest };
}

export class ServerEvents {
  private controller: AbortController | null = null;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;

  constructor(private readonly options: EventStreamOptions) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.controller?.abort();
    this.controller = null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let live = false;
    try {
      const target = await this.options.target();
      if (!target || this.stopped) return this.retry();
      this.controller = new AbortController();
      const response = await this.options.fetch(`${target.url}/v1/events`, {
        method: 'GET',
        headers: { authorization: `Bearer ${target.token}`, accept: 'text/event-stream' },
        signal: this.controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`the server answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseEventChunk(buffer + value);
        buffer = parsed.rest;
        for (const event of parsed.events) {
          if (event === 'ready') {
            live = true;
            this.failures = 0;
            this.options.onLive?.(true);
          }
          if (event === 'ready' || event === 'change') this.options.onChange();
        }
      }
    } catch {
      // Down, refused or aborted: the sync client polls until the stream is back.
    }
    if (live) this.options.onLive?.(false);
    this.retry();
  }

  private retry(): void {
    if (this.stopped) return;
    const { first, max } = this.options.retryMs ?? { first: 1_000, max: 30_000 };
    this.failures += 1;
    const delay = Math.min(max, first * 2 ** Math.min(this.failures - 1, 10));
    this.timer = setTimeout(() => void this.connect(), delay);
  }
}
