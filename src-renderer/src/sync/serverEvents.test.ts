import { describe, expect, it } from 'vitest';
import { parseEventChunk } from './serverEvents';

describe('reading the server’s event stream', () => {
  it('names each finished event, skips keep-alive comments and keeps the unfinished tail', () => {
    const { events, rest } = parseEventChunk(
      'retry: 2000\nevent: ready\ndata: {}\n\n: keep-alive\n\nevent: change\ndata: {}\n\nevent: cha',
    );
    expect(events).toEqual(['ready', 'change']);
    expect(rest).toBe('event: cha');
    expect(parseEventChunk(`${rest}nge\ndata: {}\n\n`).events).toEqual(['change']);
  });

  it('reads CRLF line ends as a proxy may send them', () => {
    expect(parseEventChunk('event: change\r\ndata: {}\r\n\r\n').events).toEqual(['change']);
  });
});
