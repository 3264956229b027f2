import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '$shared/ids';
import { OrderlineDb } from '$db/database';
import { DESKS_KEY } from '../sync/deskDirectory';
import { DeskNames } from './deskNames.svelte';

let db: OrderlineDb;
beforeEach(async () => {
  db = new OrderlineDb(`desk-names-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('desk names on screen', () => {
  it('names this desk and the store’s other desks by code and name, never by device id', async () => {
    const mine = newId();
    const theirs = newId();
    await db.settings.bulkPut([
      { key: 'desk', value: { id: mine, code: 'D1', name: 'Front till' } },
      { key: DESKS_KEY, value: [{ id: theirs, code: 'D2', name: 'Packing bench' }] },
    ]);
    const names = new DeskNames(db);
    await vi.waitFor(() => expect(names.at(mine)).toBe('at desk D1 (Front till)'));
    expect(names.name(theirs)).toBe('D2 (Packing bench)');
    expect(names.at(newId())).toBe('at another desk');
    names.stop();
  });
});
