// The sync client's one way onto the network: JSON over fetch to the store's server, with every
// answer parsed by the protocol's schemas and every failure said in a sentence.
import type { z } from 'zod';
import { ErrorResponseSchema } from '$shared/syncProtocol';

/** The part of fetch the sync client uses; tests pass one that talks to an in-process server. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * A sync request that did not succeed. `retryable` is false when sending the same thing again
 * cannot help (the token was revoked, this desk is too old, the request was refused as malformed).
 */
export class SyncError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

/** Trailing slashes dropped, so paths join cleanly; refuses anything that is not http(s). */
export function normaliseServerUrl(typed: string): string {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    throw new SyncError(`“${typed}” is not a server address; type it like https://orders.example.com`, false);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SyncError(
      `The server address must start with https:// (or http://), not ${url.protocol}`,
      false,
    );
  }
  return url.href.replace(/\/+$/, '');
}

async function errorSentence(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = ErrorResponseSchema.safeParse(JSON.parse(text));
    if (parsed.success) return [parsed.data.error, ...(parsed.data.issues ?? [])].join('; ');
  } catch {
    // Not JSON: a proxy's error page, say. The status alone is still worth showing.
  }
  return `The server answered ${response.status} ${response.statusText}`.trim();
}

export async function postJson<S extends z.ZodType>(
  fetchFn: FetchLike,
  url: string,
  body: unknown,
  schema: S,
  token?: string,
): Promise<z.infer<S>> {
  return requestJson(fetchFn, url, { method: 'POST', body: JSON.stringify(body) }, schema, token);
}

export async function getJson<S extends z.ZodType>(
  fetchFn: FetchLike,
  url: string,
  schema: S,
  token?: string,
): Promise<z.infer<S>> {
  return requestJson(fetchFn, url, { method: 'GET' }, schema, token);
}

async function requestJson<S extends z.ZodType>(
  fetchFn: FetchLike,
  url: string,
  init: { method: 'GET' | 'POST'; body?: string },
  schema: S,
  token?: string,
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      ...init,
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new SyncError(
      `The store’s server could not be reached (${why}); changes stay queued on this desk`,
      true,
    );
  }
  if (!response.ok) {
    const sentence = await errorSentence(response);
    // 5xx and 429 pass; anything else 4xx is about this desk or request and needs a person.
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    throw new SyncError(sentence, retryable, response.status);
  }
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new SyncError('The server’s answer was not understood; is this the Orderline server?', true);
  }
  return parsed.data;
}
