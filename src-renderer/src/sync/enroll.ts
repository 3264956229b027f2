// Enrolling a desk: trade the one-time code the manager printed for a token, and remember the
// server, the token and a fresh pull cursor together.
import {
  EnrollResponseSchema,
  PROTOCOL_VERSION,
  normaliseEnrollCode,
} from '../../../src-shared/syncProtocol';
import type { OrderlineDb } from '../db/database';
import { postJson, SyncError, normaliseServerUrl, type FetchLike } from './syncHttp';
import { CURSOR_KEY, DESK_KEY, DEVICE_KEY, SERVER_KEY, type EnrolledDevice } from './syncSettings';
import { tokenToStore, type TokenVaultBridge } from './tokenVault';

export interface EnrollOptions {
  fetch?: FetchLike;
  now?: () => Date;
  /** Where the token is kept (the desktop app's OS vault by default). */
  vault?: TokenVaultBridge;
}

export async function enroll(
  db: OrderlineDb,
  serverUrl: string,
  code: string,
  deviceName: string,
  options: EnrollOptions = {},
): Promise<EnrolledDevice> {
  const base = normaliseServerUrl(serverUrl);
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const answer = await postJson(
    fetchFn,
    `${base}/v1/enroll`,
    { code: normaliseEnrollCode(code), deviceName },
    EnrollResponseSchema,
  );
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
  await db.transaction('rw', db.settings, async () => {
    const previous = await db.settings.get(DEVICE_KEY);
    const sameStore = (previous?.value as Partial<EnrolledDevice> | undefined)?.storeId === device.storeId;
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
  return device;
}
