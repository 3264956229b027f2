import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '$shared/ids';
import type { Customer } from '$shared/records';
import type { Change, PullResponse } from '$shared/syncProtocol';
import { OrderlineDb } from '$db/database';
import { pullChanges } from './pullChanges';
import { readCursor, type SyncSettings } from './syncSettings';

// What happens when, told in one list: requests and page writes, in the order they start and end.
const events: string[] = [];
vi.mock('./applyPulledPage', async (importOriginal) => {
  const real = await importOriginal<typeof import('./applyPulledPage')>();
  return {
    ...real,
    applyPulledPage: async (...args: Parameters<typeof real.applyPulledPage>) => {
      events.push(`store up to ${args[1].cursor}`);
      const applied = await real.applyPulledPage(...args);
      events.push(`stored up to ${args[1].cursor}`);
      return applied;
    },
  };
});

let db: OrderlineDb;
beforeEach(async () => {
  events.length = 0;
  db = new OrderlineDb(`pull-changes-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const at = '2026-11-23T12:00:00.000Z';
const customer = (seq: number): Change => {
  const record: Customer = {
    id: newId(),
    name: `Buyer ${seq}`,
    phoneDigits: '',
    addresses: [],
    acquisitionSource: 'walk_in',
    isBusiness: false,
    searchWords: ['buyer'],
    createdAt: at,
    updatedAt: at,
  };
  return { seq, table: 'customers', recordId: record.id, op: 'put', record: { ...record } };
};

const settings: SyncSettings = {
  serverUrl: 'http://store.test',
  device: { deviceId: 'd1', token: 't', storeId: 's', storeName: 'Shop', enrolledAt: at },
};

/** A server holding `total` changes, answering `limit` at a time; `fail` answers one cursor with a 500. */
function server(total: number, fail?: number) {
  const log = Array.from({ length: total }, (_, i) => customer(i + 1));
  return async (_url: string, init?: RequestInit) => {
    const { cursor, limit } = JSON.parse(String(init?.body)) as { cursor: number; limit: number };
    events.push(`fetch after ${cursor}`);
    if (cursor === fail) return new Response(JSON.stringify({ error: 'Down' }), { status: 500 });
    const changes = log.slice(cursor, cursor + limit);
    const body: PullResponse = {
      changes,
      cursor: changes.at(-1)?.seq ?? cursor,
      hasMore: cursor + limit < total,
      remaining: Math.max(0, total - cursor - limit),
    };
    return new Response(JSON.stringify(body), { status: 200 });
  };
}

describe('pulling changes', () => {
  it('asks for the next page while this one is stored, and stores the pages in order', async () => {
    const progress: number[] = [];
    const summary = await pullChanges(db, settings, {
      fetch: server(5),
      limit: 2,
      onProgress: (p) => progress.push(p.done),
    });
    expect(summary).toEqual({ changes: 5, cursor: 5 });
    expect(events).toEqual([
      'fetch after 0',
      'fetch after 2',
      'store up to 2',
      'stored up to 2',
      'fetch after 4',
      'store up to 4',
      'stored up to 4',
      'store up to 5',
      'stored up to 5',
    ]);
    expect(progress).toEqual([0, 2, 4, 5]);
    expect(await db.customers.count()).toBe(5);
    expect(await readCursor(db)).toBe(5);
  });

  it('keeps every page stored before a failed request, so the next pull resumes after them', async () => {
    await expect(pullChanges(db, settings, { fetch: server(6, 4), limit: 2 })).rejects.toThrow(/Down/);
    expect(await readCursor(db)).toBe(4);
    expect(await db.customers.count()).toBe(4);

    const again = await pullChanges(db, settings, { fetch: server(6), limit: 2 });
    expect(again).toEqual({ changes: 2, cursor: 6 });
    expect(await db.customers.count()).toBe(6);
  });
});
