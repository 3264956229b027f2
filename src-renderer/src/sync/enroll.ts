// Enrolling a desk: trade the one-time code the manager printed for a token, and remember the
// server, the token and a fresh pull cursor together. Plain http is refused except on this computer
// (the token and the store's data would cross the network readable by anyone), and a failed
// enrollment says what really went wrong: refused origin, no server, untrusted certificate, bad code.
import { EnrollResponseSchema, PROTOCOL_VERSION, normaliseEnrollCode } from '$shared/syncProtocol';
import type { OrderlineDb } from '$db/database';
import { setupAfterEnroll } from './storeSetup';
import { postJson, SyncError, normaliseServerUrl, type FetchLike } from './syncHttp';
import { CURSOR_KEY, DESK_KEY, DEVICE_KEY, SERVER_KEY, type EnrolledDevice } from './syncSettings';
import { tokenToStore, type TokenVaultBridge } from './tokenVault';

export interface EnrollOptions {
  fetch?: FetchLike;
  now?: () => Date;
  /** Where the token is kept (the desktop app's OS vault by default). */
  vault?: TokenVaultBridge;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The server's address, refused when it would send the token in the clear over a network. */
export function secureServerUrl(typed: string): string {
  const base = normaliseServerUrl(typed);
  const url = new URL(base);
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new SyncError(
      `The server address must start with https:// — plain http is allowed only for a server on this computer (localhost), because the desk’s token and the store’s data would cross the network unencrypted. Ask for the https address, e.g. https://${url.host}`,
      false,
    );
  }
  return base;
}

/**
 * Why a request the browser would not complete failed. fetch says only "Failed to fetch" for a
 * server that is down, a certificate it does not trust and an answer CORS withheld alike; an opaque
 * (no-cors) request to /health tells the last apart from the first two.
 */
export async function diagnoseUnreachable(
  fetchFn: FetchLike,
  base: string,
  origin?: string,
): Promise<string> {
  const answered = await fetchFn(`${base}/health`, { method: 'GET', mode: 'no-cors' }).then(
    () => true,
    () => false,
  );
  if (answered) {
    return `The server at ${base} answered, but does not let this app talk to it (its CORS rules do not allow ${origin ?? 'this app’s origin'}); add that origin to ORDERLINE_ALLOWED_ORIGINS on the server`;
  }
  const https = base.startsWith('https:');
  return https
    ? `The server at ${base} could not be reached: it is not running, the address or port is wrong, or its certificate is not trusted by this computer (check the certificate, or open ${base}/health in a browser to see)`
    : `The server at ${base} could not be reached: it is not running, or the address or port is wrong (npm run server prints the port it listens on)`;
}

export async function enroll(
  db: OrderlineDb,
  serverUrl: string,
  code: string,
  deviceName: string,
  options: EnrollOptions = {},
): Promise<EnrolledDevice> {
  const base = secureServerUrl(serverUrl);
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const answer = await postJson(
    fetchFn,
    `${base}/v1/enroll`,
    { code: normaliseEnrollCode(code), deviceName },
    EnrollResponseSchema,
  ).catch(async (error: unknown) => {
    if (error instanceof SyncError && error.status === undefined && error.retryable) {
      throw new SyncError(await diagnoseUnreachable(fetchFn, base, globalThis.location?.origin), true);
    }
    if (error instanceof SyncError && error.status === 403) {
      throw new SyncError(`The server refused the code: ${error.message}`, false, 403);
    }
    throw error;
  });
  if (answer.protocolVersion > PROTOCOL_VERSION) {
    throw new SyncError(
      'The store’s server speaks a newer sync protocol; please update Orderline on this desk',
      false,
    );
  }
  const device: EnrolledDevice = {
    deviceId: answer.deviceId,
    // A vault reference in the desktop app; the token itself in a browser (sync/tokenVault.ts).
    token: await tokenToStore(answer.token, options.vault),
    storeId: answer.storeId,
    storeName: answer.storeName,
    deskCode: answer.deskCode,
    enrolledAt: (options.now?.() ?? new Date()).toISOString(),
  };
  let sameStore = false;
  await db.transaction('rw', db.settings, async () => {
    const previous = await db.settings.get(DEVICE_KEY);
    sameStore = (previous?.value as Partial<EnrolledDevice> | undefined)?.storeId === device.storeId;
    await db.settings.bulkPut([
      { key: SERVER_KEY, value: base },
      { key: DEVICE_KEY, value: device },
      // The server chose this desk's code: its orders and quotes are numbered D2-…, never clashing
      // with another desk's series; the desk is known by its device id from now on.
      { key: DESK_KEY, value: { code: answer.deskCode, id: answer.deviceId, name: deviceName } },
    ]);
    // Another store's change log counts from its own start: pull it from the beginning.
    if (!sameStore) await db.settings.put({ key: CURSOR_KEY, value: 0 });
  });
  // A desk with nothing of its own joins at once; one holding a store (or the demo) is asked.
  await setupAfterEnroll(db, sameStore);
  return device;
}
