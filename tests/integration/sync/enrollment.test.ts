import { describe, expect, it } from 'vitest';
import { revokeDevice } from '../../../src-server/storeAdmin';
import { newId } from '$shared/ids';
import { OrderlineDb } from '$db/database';
import { saveCustomer } from '$db/customerWrites';
import { enroll } from '../../../src-renderer/src/sync/enroll';
import { readCursor, readSyncSettings } from '../../../src-renderer/src/sync/syncSettings';
import { enrolledDesk, newStore, useSyncServer } from './syncHarness';

const ctx = useSyncServer();
const desks = ctx.desks;

describe('enrolling a desk', () => {
  it('stores the ctx.server, the token and a fresh cursor', async () => {
    const store = await newStore(ctx.server, 'Main Street');
    const desk = await enrolledDesk(ctx.server, store, 'E1');
    desks.push(desk);
    const settings = await readSyncSettings(desk.db);
    expect(settings?.serverUrl).toBe(ctx.server.url);
    expect(settings?.device).toMatchObject({ storeId: store, storeName: 'Main Street' });
    expect(settings?.device.token.length).toBeGreaterThanOrEqual(32);
    expect(await readCursor(desk.db)).toBe(0);
  });

  it('takes the desk code the server chose, so a second desk numbers its orders D2-…', async () => {
    const store = await newStore(ctx.server, 'Two Tills');
    const first = await enrolledDesk(ctx.server, store, 'C1');
    const second = await enrolledDesk(ctx.server, store, 'C2');
    desks.push(first, second);
    const deskRow = async (db: OrderlineDb) => (await db.settings.get('desk'))?.value;
    const settings = await readSyncSettings(second.db);
    expect(await deskRow(first.db)).toMatchObject({ code: 'D1' });
    expect(await deskRow(second.db)).toEqual({ code: 'D2', id: settings?.device.deviceId, name: 'Desk C2' });
    expect(settings?.device.deskCode).toBe('D2');
  });

  it('says why a wrong code was refused and stores nothing', async () => {
    const db = new OrderlineDb(`enroll-${newId()}`);
    await expect(enroll(db, `${ctx.server.url}/`, 'ABCDE-FGH23', 'Desk X')).rejects.toThrow(/code/i);
    expect(await readSyncSettings(db)).toBeNull();
    await expect(enroll(db, 'orders.example.com', 'ABCDE-FGH23', 'Desk X')).rejects.toThrow(
      /is not a server address; type it like https:\/\//,
    );
    db.close();
    await db.delete();
  });
});

describe('a desk whose token was revoked', () => {
  it('stops syncing with the server’s reason, keeps its changes queued, and retries only when asked', async () => {
    const store = await newStore(ctx.server, `Store ${newId()}`);
    const desk = await enrolledDesk(ctx.server, store, 'R1', { intervalMs: 50 });
    desks.push(desk);
    const settings = await readSyncSettings(desk.db);
    await revokeDevice(ctx.server.db, settings!.device.deviceId);
    await saveCustomer(desk.db, {
      name: 'Ada',
      addresses: [],
      acquisitionSource: 'walk_in',
      isBusiness: false,
    });

    const status = await desk.client.syncNow();
    expect(status.state).toBe('failed');
    expect(status.pending).toBe(1);
    expect(status.lastError).toMatch(/revoked|enroll/i);
    expect(desk.net.pushes()).toBe(1);

    // The timer's checks leave it alone: a revoked token stays revoked however often it is sent.
    desk.client.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(desk.net.log.filter((line) => line === 'GET /health').length).toBeGreaterThan(2);
    expect(desk.net.pushes()).toBe(1);

    // A person pressing "Sync now" (after enrolling again, say) does try.
    expect((await desk.client.syncNow()).state).toBe('failed');
    expect(desk.net.pushes()).toBe(2);
  });
});
