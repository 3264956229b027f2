import { describe, expect, it } from 'vitest';
import { serverReachable } from './reachability';
import type { FetchLike } from './syncHttp';

const answering =
  (status: number): FetchLike =>
  async () =>
    new Response('{}', { status });

describe('serverReachable', () => {
  it('is true only when /health answers OK', async () => {
    let url = '';
    const fetchFn: FetchLike = async (input) => {
      url = input;
      return new Response('{"status":"ok"}');
    };
    expect(await serverReachable(fetchFn, 'http://server')).toBe(true);
    expect(url).toBe('http://server/health');
    expect(await serverReachable(answering(503), 'http://server')).toBe(false);
  });

  it('gives up after the timeout on a server that never answers', async () => {
    const hanging: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    const started = Date.now();
    expect(await serverReachable(hanging, 'http://server', 50)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
