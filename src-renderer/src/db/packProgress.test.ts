// Pack counts stored scan by scan, and the version 6 upgrade that brings their table: a desk
// updated from version 3 keeps every row and starts with no counts.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { OrderlineDb, SCHEMA_VERSION } from './database';
import { clearPackProgress, loadPackProgress, savePackProgress } from './packProgress';
import { olderDatabase } from './olderDatabase';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function freshDb(): OrderlineDb {
  const db = new OrderlineDb(`test-${crypto.randomUUID()}`);
  opened.push(db);
  return db;
}

describe('pack progress', () => {
  it('resumes at the last stored count after the database is closed and opened again', async () => {
    const db = freshDb();
    const orderId = newId();
    await savePackProgress(db, orderId, 'desk-1', { a: 1 });
    await savePackProgress(db, orderId, 'desk-1', { a: 2, b: 1 });
    db.close();
    const again = new OrderlineDb(db.name);
    opened.push(again);
    expect(await loadPackProgress(again, orderId, 'desk-1')).toEqual({ a: 2, b: 1 });
  });

  it('gives no counts for another bench, or once cleared', async () => {
    const db = freshDb();
    const orderId = newId();
    await savePackProgress(db, orderId, 'desk-1', { a: 2 });
    expect(await loadPackProgress(db, orderId, 'desk-2')).toEqual({});
    await clearPackProgress(db, orderId);
    expect(await loadPackProgress(db, orderId, 'desk-1')).toEqual({});
  });
});

describe('the upgrade from schema version 3', () => {
  it('keeps every v3 row and adds the pack progress table, empty and writable', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const v3 = olderDatabase(name, 3);
    await v3.open();
    const orderId = newId();
    const parcel = {
      id: newId(),
      orderId,
      orderNumber: 'D1-000042',
      units: 3,
      verified: true,
      deskId: 'desk-1',
      createdAt: '2026-11-20T09:00:00.000Z',
    };
    await v3.table('parcels').add(parcel);
    await v3.table('settings').put({ key: 'deskCode', value: 'D1' });
    v3.close();

    const db = new OrderlineDb(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(await db.parcels.get(parcel.id)).toEqual(parcel);
    expect(await db.parcels.where('orderId').equals(orderId).count()).toBe(1);
    expect(await db.settings.get('deskCode')).toEqual({ key: 'deskCode', value: 'D1' });
    expect(await db.packProgress.count()).toBe(0);
    await savePackProgress(db, orderId, 'desk-1', { v: 1 });
    expect(await loadPackProgress(db, orderId, 'desk-1')).toEqual({ v: 1 });
  });
});
