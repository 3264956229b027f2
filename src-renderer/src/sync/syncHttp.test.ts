import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { normaliseServerUrl, postJson, SyncError, type FetchLike } from './syncHttp';

const Ok = z.object({ ok: z.literal(true) });
const answering =
  (status: number, body: unknown): FetchLike =>
  async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });

async function failure(fetchFn: FetchLike): Promise<SyncError> {
  const error = await postJson(fetchFn, 'http://server/v1/push', {}, Ok).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

describe('postJson', () => {
  it('returns the answer parsed by its schema', async () => {
    expect(await postJson(answering(200, { ok: true }), 'http://server/x', {}, Ok)).toEqual({ ok: true });
  });

  it('sends the token as a bearer header and the body as JSON', async () => {
    let seen: RequestInit | undefined;
    await postJson(
      async (_url, init) => {
        seen = init;
        return new Response('{"ok":true}');
      },
      'http://server/x',
      { a: 1 },
      Ok,
      'secret-token',
    );
    expect(new Headers(seen?.headers).get('authorization')).toBe('Bearer secret-token');
    expect(seen?.body).toBe('{"a":1}');
  });

  it.each([
    [503, true],
    [500, true],
    [429, true],
    [401, false],
    [426, false],
    [400, false],
  ])('treats an answer of %i as retryable: %s, with the server’s own sentence', async (status, retryable) => {
    const error = await failure(answering(status, { error: 'Because of this', issues: ['and that'] }));
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
    expect(error.message).toBe('Because of this; and that');
  });

  it('says which status came back when the error body is not the server’s', async () => {
    expect((await failure(answering(502, '<html>Bad gateway</html>'))).message).toMatch(/answered 502/);
  });

  it('retries when the server cannot be reached, and says the changes stay queued', async () => {
    const error = await failure(async () => {
      throw new TypeError('fetch failed');
    });
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/could not be reached \(fetch failed\); changes stay queued/);
  });

  it('refuses an answer that is not what the protocol says', async () => {
    expect((await failure(answering(200, { something: 'else' }))).message).toMatch(/not understood/);
  });
});

describe('normaliseServerUrl', () => {
  it('drops trailing slashes and refuses what is not http(s)', () => {
    expect(normaliseServerUrl(' https://orders.example.com/ ')).toBe('https://orders.example.com');
    expect(() => normaliseServerUrl('ftp://orders.example.com')).toThrow(/must start with https:\/\//);
  });
});
