import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveQueryState } from './liveQueryState.svelte';

class NotesDb extends Dexie {
  notes!: Dexie.Table<{ id: number; text: string }, number>;
  constructor() {
    super(`notes-${Math.random()}`);
    this.version(1).stores({ notes: 'id' });
  }
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('LiveQueryState', () => {
  const state = new LiveQueryState<number>();
  afterEach(() => state.stop());

  it('loads, then follows changes to the tables it read', async () => {
    const db = new NotesDb();
    expect(state.loading).toBe(true);
    state.run(() => db.notes.count());
    await until(() => state.value === 0);
    expect(state.loading).toBe(false);
    await db.notes.add({ id: 1, text: 'first' });
    await until(() => state.value === 1);
    expect(state.value).toBe(1);
  });

  it('reports a failing query as a readable error', async () => {
    state.run(() => Promise.reject(new Error('The catalog could not be read')));
    await until(() => state.error !== null);
    expect(state.error).toBe('The catalog could not be read');
    expect(state.loading).toBe(false);
  });

  it('restarts the query when run again, dropping the old one', async () => {
    const db = new NotesDb();
    const live = new LiveQueryState<string>();
    live.run(async () => `notes: ${await db.notes.count()}`);
    await until(() => live.value === 'notes: 0');
    live.run(async () => `ids: ${(await db.notes.toCollection().primaryKeys()).join(',')}`);
    expect(live.loading).toBe(true);
    await db.notes.add({ id: 7, text: 'seventh' });
    await until(() => live.value === 'ids: 7');
    expect(live.value).toBe('ids: 7');
    live.stop();
  });
});
